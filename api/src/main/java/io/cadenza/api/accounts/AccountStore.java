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
    /** The unique index on what emails look like (V11). */
    String EMAIL_SKELETON_INDEX = "account_user_email_skeleton";
    String COLUMNS = "id, email, password_hash, role, created_at, created_by, email_verified_at, magic_link_enabled";

    /**
     * Stores the account, or throws {@link EmailTakenException} when another account has its email, or
     * {@link EmailLookalikeException} when another's email looks the same (one skeleton).
     */
    default void create(Account account) {
        String key = Account.emailKey(account.email());
        try {
            insert(account.id(), account.email(), key, EmailAddress.skeleton(account.email()),
                    account.passwordHash(), account.role().name(), account.createdAt(), account.createdBy(),
                    account.emailVerifiedAt());
        } catch (RuntimeException e) {
            if (UniqueViolation.causes(e)) {
                // Told by the index refusing the row: the transaction cannot ask again after a failed statement.
                if (UniqueViolation.constraint(e).filter(EMAIL_SKELETON_INDEX::equals).isPresent()) {
                    throw new EmailLookalikeException();
                }
                throw new EmailTakenException();
            }
            throw e;
        }
    }

    @Query("""
            insert into account_user (id, email, email_key, email_skeleton, password_hash, role, created_at, created_by,
                                      email_verified_at)
            values (:id, :email, :emailKey, :emailSkeleton, :passwordHash, :role, :createdAt, :createdBy,
                    :emailVerifiedAt)""")
    void insert(UUID id, String email, String emailKey, String emailSkeleton, String passwordHash, String role,
            Instant createdAt, @Nullable UUID createdBy, @Nullable Instant emailVerifiedAt);

    /** Accounts made before skeletons were kept, oldest first (of two lookalikes the older keeps it), a page. */
    @Query("select " + COLUMNS + " from account_user"
            + " where email_skeleton is null order by created_at, id limit :limit")
    java.util.List<Account> withoutSkeleton(int limit);

    @Query("update account_user set email_skeleton = :skeleton where id = :id and email_skeleton is null")
    void setSkeleton(UUID id, String skeleton);

    default Optional<Account> findByEmail(String email) {
        return findByEmailKey(Account.emailKey(email));
    }

    @Query("select " + COLUMNS + " from account_user where email_key = :emailKey")
    Optional<Account> findByEmailKey(String emailKey);

    Optional<Account> findById(UUID id);

    @Query("update account_user set password_hash = :passwordHash where id = :id")
    void updatePasswordHash(UUID id, String passwordHash);

    /** Marks the email verified if the account still holds {@code email} (case-insensitively); 1 when it did. */
    @Query("update account_user set email_verified_at = coalesce(email_verified_at, :at)"
            + " where id = :id and email_key = :emailKey")
    int markEmailVerified(UUID id, String emailKey, Instant at);

    @Query("update account_user set magic_link_enabled = :enabled where id = :id")
    void setMagicLinkEnabled(UUID id, boolean enabled);

    @Query("update account_user set role = :role where id = :id")
    int setRole(UUID id, String role);

    /** Thrown when the email is already an account's. */
    final class EmailTakenException extends RuntimeException {
        EmailTakenException() {
            super("an account with this email exists");
        }
    }

    /** Thrown when another account's email looks the same as this one. */
    final class EmailLookalikeException extends RuntimeException {
        EmailLookalikeException() {
            super("an account's email looks the same");
        }
    }
}
