package io.cadenza.api.audit;

import io.cadenza.api.ratelimit.RateLimits;
import io.cadenza.chain.audit.AuditOrigin;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The request being served, as the audit log records it: its id and the client's address (as rate limits see it). */
@Singleton
public class RequestOrigin implements AuditOrigin {
    private final RateLimits rateLimits;

    public RequestOrigin(RateLimits rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Override
    public Optional<Request> current() {
        return ServerRequestContext.currentRequest().map(request -> new Request(
                RequestIds.of(request).orElse("unidentified"), rateLimits.clientAddress(request)));
    }
}
