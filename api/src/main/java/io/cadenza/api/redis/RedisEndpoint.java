package io.cadenza.api.redis;

import java.net.URI;
import java.util.Objects;

/** Where Redis is: from configuration, or the embedded dev service. */
public record RedisEndpoint(URI uri) {
    public RedisEndpoint {
        Objects.requireNonNull(uri, "uri");
    }

    @Override
    public String toString() {
        return "RedisEndpoint[uri=" + redact(uri) + "]";
    }

    /** The URI without its user-info (which holds the password). */
    static String redact(URI uri) {
        if (uri == null || uri.getUserInfo() == null) {
            return String.valueOf(uri);
        }
        return uri.getScheme() + "://<redacted>@" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
    }
}
