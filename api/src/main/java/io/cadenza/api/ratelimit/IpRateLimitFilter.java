package io.cadenza.api.ratelimit;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.ArrayList;
import java.util.List;
import io.micronaut.web.router.RouteAttributes;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Limits per IP address (the API and /health), before authentication so that anonymous floods are counted too; the
 * actions that take credentials ({@link CredentialRoute}: login, sign-up, refresh) have a tighter limit of their own,
 * whatever path spelling reached them.
 */
@Filter({"/v1/**", "/health", "/health/**"})
public class IpRateLimitFilter implements HttpServerFilter {
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
        boolean credentials = RouteAttributes.getRouteMatch(request)
                .map(route -> route.getRouteInfo().getAnnotationMetadata().hasAnnotation(CredentialRoute.class))
                .orElse(false);
        if (credentials) {
            limits.add(new RateLimits.Limit("credentials:" + ip, rateLimits.configuration().credentialsPerIp()));
        }
        return rateLimits.check(request, limits).switchIfEmpty(Mono.defer(() -> Mono.from(chain.proceed(request))));
    }
}
