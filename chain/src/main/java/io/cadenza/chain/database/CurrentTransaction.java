package io.cadenza.chain.database;

import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC on the connection of the current transaction, under the application's one transaction manager: work
 * joins the caller's transaction when there is one (so a business row and the chain intent it causes commit
 * together), and otherwise begins one of its own that commits when the work returns.
 *
 * <p>This is the only way plain JDBC reaches the database, kept for the paths where SQL by hand is the better tool
 * (COPY, {@code unnest} upserts, reorg rollback, the outbox's signing path). Everything else goes through
 * Micronaut Data repositories, which use the same transactions.
 */
public final class CurrentTransaction {
    private static final TransactionDefinition REPEATABLE_READ = repeatableRead();

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    private final DataSource dataSource;

    public CurrentTransaction(TransactionOperations<Connection> transactions,
            ConnectionOperations<Connection> connections, DataSource dataSource) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.dataSource = dataSource;
    }

    /** Work on one connection; may throw what JDBC throws. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in the current transaction, or in a new one that commits when it returns. */
    public <T> T write(SqlWork<T> work) throws SQLException {
        return execute(TransactionDefinition.DEFAULT, work);
    }

    /**
     * Runs {@code work} on the current transaction's connection, or, outside a transaction, on a connection of its
     * own in auto-commit: one query needs no BEGIN and COMMIT (a round trip more on every read of the API).
     */
    public <T> T read(SqlWork<T> work) throws SQLException {
        return autoCommit(work);
    }

    /**
     * Like {@link #read}, for a single statement that writes: inside a transaction it is part of it, outside one it
     * commits by itself.
     */
    public <T> T autoCommit(SqlWork<T> work) throws SQLException {
        try {
            return connections.execute(ConnectionDefinition.DEFAULT, status -> carrying(work, status.getConnection()));
        } catch (SqlFailure failure) {
            throw failure.getCause();
        }
    }

    /**
     * Runs {@code work} on one snapshot (repeatable read, read-only): several queries that must agree with each
     * other, such as a consistency check, see the same committed state.
     */
    public <T> T snapshot(SqlWork<T> work) throws SQLException {
        return execute(REPEATABLE_READ, work);
    }

    /**
     * Runs {@code work} on the current transaction's connection just before it commits, after everything else the
     * transaction does (a failure rolls the transaction back); answers false when there is no transaction, and then
     * runs nothing. For work that must take its locks last: the audit log's head.
     */
    public boolean beforeCommit(SqlWork<?> work) {
        Optional<? extends TransactionStatus<?>> status = transactions.findTransactionStatus();
        if (status.isEmpty()) {
            return false;
        }
        TransactionStatus<?> current = status.get();
        current.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                carrying(work, (Connection) current.getConnection());
            }
        });
        return true;
    }

    /**
     * Connections of their own, outside every transaction: for a PostgreSQL session-level advisory lock, which
     * outlives the transactions its holder runs meanwhile. Whoever opens one closes it.
     */
    public DataSource sessions() {
        return DelegatingDataSource.unwrapDataSource(dataSource);
    }

    private <T> T execute(TransactionDefinition definition, SqlWork<T> work) throws SQLException {
        try {
            return transactions.execute(definition, status -> carrying(work, status.getConnection()));
        } catch (SqlFailure failure) {
            throw failure.getCause();
        }
    }

    /** Runs {@code work}, carrying its SQLException out of the callback (and rolling back what it joined). */
    private static <T> T carrying(SqlWork<T> work, Connection connection) {
        try {
            return work.run(connection);
        } catch (SQLException failure) {
            throw new SqlFailure(failure);
        }
    }

    private static TransactionDefinition repeatableRead() {
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setName("SNAPSHOT");
        definition.setIsolationLevel(TransactionDefinition.Isolation.REPEATABLE_READ);
        definition.setReadOnly(true);
        return definition;
    }

    /** Carries a checked SQLException through the transaction manager's callback, which rolls back on it. */
    private static final class SqlFailure extends RuntimeException {
        SqlFailure(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
