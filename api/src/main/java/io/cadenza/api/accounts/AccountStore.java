package io.cadenza.api.accounts;

import io.cadenza.api.database.MigratedSchema;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Accounts in {@code account_user}. */
@Singleton
public class AccountStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "id, email, password_hash, role, created_at, created_by";

    private final DataSource dataSource;

    public AccountStore(DataSource dataSource, MigratedSchema schema) {
        this.dataSource = dataSource;
    }

    /** Stores the account, or throws {@link EmailTakenException} when another account has its email. */
    public void create(Account account) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into account_user (" + COLUMNS + ", email_key) values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, account.id());
            insert.setString(2, account.email());
            insert.setString(3, account.passwordHash());
            insert.setString(4, account.role().name());
            insert.setTimestamp(5, Timestamp.from(account.createdAt()));
            insert.setObject(6, account.createdBy());
            insert.setString(7, Account.emailKey(account.email()));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new EmailTakenException();
            }
            throw new IllegalStateException("could not store an account", e);
        }
    }

    public Optional<Account> findByEmail(String email) {
        return findOne("select " + COLUMNS + " from account_user where email_key = ?", Account.emailKey(email));
    }

    public Optional<Account> findById(UUID id) {
        return findOne("select " + COLUMNS + " from account_user where id = ?", id);
    }

    public void updatePasswordHash(UUID id, String passwordHash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update account_user set password_hash = ? where id = ?")) {
            update.setString(1, passwordHash);
            update.setObject(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update a password hash", e);
        }
    }

    private Optional<Account> findOne(String sql, Object key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read an account", e);
        }
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
