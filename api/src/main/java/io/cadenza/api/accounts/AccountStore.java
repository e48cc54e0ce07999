package io.cadenza.api.accounts;

import io.cadenza.api.database.Statements;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

/** Accounts in {@code account_user}. */
@Singleton
public class AccountStore {
    private static final String COLUMNS = "id, email, password_hash, role, created_at, created_by";

    private final Statements sql;

    public AccountStore(Statements sql) {
        this.sql = sql;
    }

    /** Stores the account, or throws {@link EmailTakenException} when another account has its email. */
    public void create(Account account) {
        try {
            sql.update("insert into account_user (" + COLUMNS + ", email_key) values (?, ?, ?, ?, ?, ?, ?)",
                    insert -> {
                        insert.setObject(1, account.id());
                        insert.setString(2, account.email());
                        insert.setString(3, account.passwordHash());
                        insert.setString(4, account.role().name());
                        insert.setTimestamp(5, Timestamp.from(account.createdAt()));
                        insert.setObject(6, account.createdBy());
                        insert.setString(7, Account.emailKey(account.email()));
                    });
        } catch (Statements.StatementFailedException e) {
            if (e.isUniqueViolation()) {
                throw new EmailTakenException();
            }
            throw e;
        }
    }

    public Optional<Account> findByEmail(String email) {
        return sql.one("select " + COLUMNS + " from account_user where email_key = ?",
                select -> select.setString(1, Account.emailKey(email)), AccountStore::read);
    }

    public Optional<Account> findById(UUID id) {
        return sql.one("select " + COLUMNS + " from account_user where id = ?", select -> select.setObject(1, id),
                AccountStore::read);
    }

    public void updatePasswordHash(UUID id, String passwordHash) {
        sql.update("update account_user set password_hash = ? where id = ?", update -> {
            update.setString(1, passwordHash);
            update.setObject(2, id);
        });
    }

    private static Account read(ResultSet row) throws SQLException {
        return new Account(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                Role.valueOf(row.getString(4)), row.getTimestamp(5).toInstant(), row.getObject(6, UUID.class));
    }

    /** Thrown when the email is already an account's. */
    public static final class EmailTakenException extends RuntimeException {
        EmailTakenException() {
            super("an account with this email exists");
        }
    }
}
