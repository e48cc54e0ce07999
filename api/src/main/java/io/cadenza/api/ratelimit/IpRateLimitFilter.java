package io.cadenza.api.ratelimit;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Limits per IP address, before authentication so that anonymous floods are counted too; the routes that take
 * credentials (login, sign-up, refresh) have a tighter limit of their own.
 */
@Filter("/v1/**")
public class IpRateLimitFilter implements HttpServerFilter {
    private static final Set<String> CREDENTIAL_ROUTES = Set.of("/v1/sessions", "/v1/sessions/refresh",
            "/v1/accounts");

    private final RateLimits rateLimits;

    public IpRateLimitFilter(RateLimits rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String ip = rateLimits.clientAddress(request);
        List<RateLimits.Limit> limits = new ArrayList<>();
        limits.add(new RateLimits.Limit("ip:" + ip, rateLimits.configuration().perIp()));
        if (request.getMethod() == HttpMethod.POST && CREDENTIAL_ROUTES.contains(request.getPath())) {
            limits.add(new RateLimits.Limit("credentials:" + ip, rateLimits.configuration().credentialsPerIp()));
        }
        return rateLimits.check(request, limits).switchIfEmpty(Mono.defer(() -> Mono.from(chain.proceed(request))));
    }
}
