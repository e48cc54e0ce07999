package io.cadenza.chain.database;

import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionStatus;
import io.micronaut.data.connection.support.AbstractConnectionOperations;
import io.micronaut.transaction.jdbc.DataSourceTransactionManager;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The application's transaction manager (Micronaut Data's, same classes and semantics) over a pool, for code that
 * runs without the application context: the {@code check-index} command, benchmarks and module tests.
 */
public final class StandaloneTransactions {
    private StandaloneTransactions() {}

    public static CurrentTransaction over(DataSource dataSource) {
        PooledConnections connections = new PooledConnections(dataSource);
        return new CurrentTransaction(new DataSourceTransactionManager(dataSource, connections, connections),
                connections, dataSource);
    }

    /** Opens a pooled connection per outermost transaction and hands it back at the end. */
    private static final class PooledConnections extends AbstractConnectionOperations<Connection> {
        private final DataSource dataSource;

        PooledConnections(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        protected Connection openConnection(ConnectionDefinition definition) {
            try {
                return dataSource.getConnection();
            } catch (SQLException failure) {
                throw new IllegalStateException("no database connection: " + failure.getMessage(), failure);
            }
        }

        @Override
        protected void setupConnection(ConnectionStatus<Connection> connectionStatus) {
            // The transaction manager sets auto-commit, isolation and read-only on the connection it begins with.
        }

        @Override
        protected void closeConnection(ConnectionStatus<Connection> connectionStatus) {
            try {
                connectionStatus.getConnection().close();
            } catch (SQLException failure) {
                throw new IllegalStateException("closing a database connection: " + failure.getMessage(), failure);
            }
        }
    }
}
