package io.cadenza.jobs.background;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jobrunr.storage.sql.common.DatabaseCreator;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;

/**
 * JobRunr's tables ({@code jobrunr_*}), created and migrated by JobRunr's own migrations (they follow its releases,
 * not ours), one instance at a time: instances starting together would otherwise race to create them.
 */
final class JobTables {
    private static final String LOCK = "select pg_advisory_lock(hashtext('cadenza:jobrunr-tables'))";
    private static final String UNLOCK = "select pg_advisory_unlock(hashtext('cadenza:jobrunr-tables'))";

    private JobTables() {}

    static void migrate(DataSource dataSource) {
        try (Connection session = dataSource.getConnection(); Statement statement = session.createStatement()) {
            statement.execute(LOCK);
            try {
                new DatabaseCreator(dataSource, PostgresStorageProvider.class).runMigrations();
            } finally {
                statement.execute(UNLOCK);
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("could not create JobRunr's tables", failure);
        }
    }
}
