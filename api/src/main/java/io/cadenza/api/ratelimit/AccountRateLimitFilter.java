package io.cadenza.api.ratelimit;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.security.Principal;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** Limits per signed-in account, wherever it calls from: after authentication, which names the account. */
@Filter("/v1/**")
public class AccountRateLimitFilter implements HttpServerFilter {
    private final RateLimits rateLimits;

    public AccountRateLimitFilter(RateLimits rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Principal principal = request.getUserPrincipal().orElse(null);
        if (principal == null) {
            return chain.proceed(request);
        }
        return rateLimits.check(request, List.of(new RateLimits.Limit("account:" + principal.getName(),
                rateLimits.configuration().perAccount())))
                .switchIfEmpty(Mono.defer(() -> Mono.from(chain.proceed(request))));
    }
}
