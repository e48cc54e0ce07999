package io.cadenza.api.database;

import java.util.Objects;

/** Where the database is: from configuration, or the embedded dev service. */
public record DatabaseEndpoint(String jdbcUrl, String username, String password) {
    public DatabaseEndpoint {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    @Override
    public String toString() {
        return "DatabaseEndpoint[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=<redacted>]";
    }
}
