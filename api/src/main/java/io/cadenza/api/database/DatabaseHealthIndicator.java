package io.cadenza.api.database;

import io.cadenza.chain.database.CurrentTransaction;
import io.cadenza.chain.schema.MigratedSchema;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** UP when PostgreSQL answers a query; reports the server version and the migrated modules. */
@Singleton
public class DatabaseHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final CurrentTransaction transaction;
    private final MigratedSchema schema;

    public DatabaseHealthIndicator(CurrentTransaction transaction, MigratedSchema schema) {
        this.transaction = transaction;
        this.schema = schema;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        try {
            String version = transaction.read(connection -> {
                try (Statement statement = connection.createStatement();
                        ResultSet row = statement.executeQuery("select current_setting('server_version')")) {
                    row.next();
                    return row.getString(1);
                }
            });
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("serverVersion", version);
            details.put("schemas", schema.modules());
            healthStatus = HealthStatus.UP;
            return details;
        } catch (SQLException | RuntimeException failure) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("error", failure.getMessage());
        }
    }

    @Override
    protected String getName() {
        return "database";
    }
}
