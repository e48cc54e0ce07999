package io.cadenza.chain.database;

import java.util.Map;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/** The database an operator's command runs against, from the application's own environment variables. */
public final class DatabaseEnvironment {
    public static final String HINT = "set CADENZA_DATABASE_URL (JDBC); CADENZA_DATABASE_USERNAME and"
            + " CADENZA_DATABASE_PASSWORD if needed";

    private DatabaseEnvironment() {}

    /** The database named by CADENZA_DATABASE_URL (and its user and password), or empty when it is not set. */
    public static Optional<PGSimpleDataSource> of(Map<String, String> environment) {
        String url = environment.get("CADENZA_DATABASE_URL");
        if (url == null) {
            return Optional.empty();
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        if (environment.containsKey("CADENZA_DATABASE_USERNAME")) {
            dataSource.setUser(environment.get("CADENZA_DATABASE_USERNAME"));
        }
        if (environment.containsKey("CADENZA_DATABASE_PASSWORD")) {
            dataSource.setPassword(environment.get("CADENZA_DATABASE_PASSWORD"));
        }
        return Optional.of(dataSource);
    }
}
