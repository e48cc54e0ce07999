package io.cadenza.api.database;

import io.cadenza.chain.database.CurrentTransaction;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One SQL statement on a pooled connection, bound and read by the caller: the connection, statement and result
 * handling that every store would otherwise write again. Statements that must share a transaction use the
 * connection themselves.
 */
@Singleton
public class Statements {
    /** PostgreSQL's SQLSTATE for a unique constraint violated. */
    public static final String UNIQUE_VIOLATION = "23505";

    private final CurrentTransaction transaction;

    public Statements(CurrentTransaction transaction) {
        this.transaction = transaction;
    }

    private <T> T onConnection(String sql, CurrentTransaction.SqlWork<T> work) {
        try {
            return transaction.write(work);
        } catch (SQLException e) {
            throw new StatementFailedException(sql, e);
        }
    }

    /** Sets the statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        Binder NONE = statement -> { };

        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads the current row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** A statement failed; {@link #sqlState()} tells a constraint from an outage. */
    public static final class StatementFailedException extends RuntimeException {
        private final String sqlState;

        StatementFailedException(String sql, SQLException cause) {
            super("SQL failed (" + cause.getSQLState() + "): " + firstWords(sql), cause);
            this.sqlState = cause.getSQLState();
        }

        public String sqlState() {
            return sqlState;
        }

        public boolean isUniqueViolation() {
            return UNIQUE_VIOLATION.equals(sqlState);
        }

        private static String firstWords(String sql) {
            return sql.length() <= 80 ? sql : sql.substring(0, 80) + "…";
        }
    }

    public <T> List<T> list(String sql, Binder binder, RowReader<T> reader) {
        return onConnection(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                List<T> rows = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        rows.add(reader.read(row));
                    }
                }
                return rows;
            }
        });
    }

    /** The first row, if any. */
    public <T> Optional<T> one(String sql, Binder binder, RowReader<T> reader) {
        return onConnection(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                statement.setMaxRows(1);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(reader.read(row)) : Optional.<T>empty();
                }
            }
        });
    }

    /** Runs an insert, update or delete; answers the rows it changed. */
    public int update(String sql, Binder binder) {
        return onConnection(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            }
        });
    }
}
