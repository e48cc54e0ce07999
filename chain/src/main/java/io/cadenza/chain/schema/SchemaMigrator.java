package io.cadenza.chain.schema;

import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies each module's migrations, in dependency order, each with its own history table. */
public final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private SchemaMigrator() {}

    public static void migrate(DataSource dataSource, List<ModuleSchema> schemas) {
        schemas.stream().sorted(Comparator.comparingInt(ModuleSchema::order)).forEach(schema -> {
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(schema.location())
                    .table(schema.historyTable())
                    // Several modules share one database: a history table of another module is not a reason to refuse.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .validateMigrationNaming(true)
                    .load();
            MigrateResult result = flyway.migrate();
            var current = flyway.info().current();
            LOG.info("schema {}: {} migration(s) applied, at version {}", schema.module(), result.migrationsExecuted,
                    current == null ? "none" : current.getVersion());
        });
    }
}
