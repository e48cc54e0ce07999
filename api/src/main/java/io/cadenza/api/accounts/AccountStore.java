package io.cadenza.api.accounts;

import io.cadenza.chain.database.UniqueViolation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Accounts in {@code account_user}; an email (case-insensitively) belongs to one account. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccountStore extends GenericRepository<Account, UUID> {

    /** Stores the account, or throws {@link EmailTakenException} when another account has its email. */
    default void create(Account account) {
        try {
            insert(account.id(), account.email(), Account.emailKey(account.email()), account.passwordHash(),
                    account.role().name(), account.createdAt(), account.createdBy());
        } catch (RuntimeException e) {
            if (UniqueViolation.causes(e)) {
                throw new EmailTakenException();
            }
            throw e;
        }
    }

    @Query("""
            insert into account_user (id, email, email_key, password_hash, role, created_at, created_by)
            values (:id, :email, :emailKey, :passwordHash, :role, :createdAt, :createdBy)""")
    void insert(UUID id, String email, String emailKey, String passwordHash, String role, Instant createdAt,
            @Nullable UUID createdBy);

    default Optional<Account> findByEmail(String email) {
        return findByEmailKey(Account.emailKey(email));
    }

    @Query("select id, email, password_hash, role, created_at, created_by from account_user where email_key = :emailKey")
    Optional<Account> findByEmailKey(String emailKey);

    Optional<Account> findById(UUID id);

    @Query("update account_user set password_hash = :passwordHash where id = :id")
    void updatePasswordHash(UUID id, String passwordHash);

    /** Thrown when the email is already an account's. */
    final class EmailTakenException extends RuntimeException {
        EmailTakenException() {
            super("an account with this email exists");
        }
    }
}
