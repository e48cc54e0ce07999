package io.cadenza.api.database;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** UP when PostgreSQL answers a query; reports the server version and the migrated modules. */
@Singleton
public class DatabaseHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final DataSource dataSource;
    private final MigratedSchema schema;

    public DatabaseHealthIndicator(DataSource dataSource, MigratedSchema schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select current_setting('server_version')")) {
            row.next();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("serverVersion", row.getString(1));
            details.put("schemas", schema.modules());
            healthStatus = HealthStatus.UP;
            return details;
        } catch (SQLException failure) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("error", failure.getMessage());
        }
    }

    @Override
    protected String getName() {
        return "database";
    }
}
