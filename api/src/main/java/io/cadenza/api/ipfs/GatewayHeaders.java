package io.cadenza.api.ipfs;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Files from the gateway are anyone's uploads: a browser must take them as the type they were stored with (no
 * sniffing an "image" into HTML) and must not run anything in them, or let them frame or be framed. Every gateway
 * answer, errors included, carries the headers that say so.
 */
@ServerFilter("/ipfs/**")
public class GatewayHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; "
            + "style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @ResponseFilter
    public void protect(MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("Cross-Origin-Resource-Policy", "cross-origin");
    }
}
