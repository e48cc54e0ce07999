package io.cadenza.api.management;

import io.cadenza.api.accounts.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.security.authentication.Authentication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What {@code /health} tells whom, and how often it is measured:
 * <ul>
 *   <li>anonymous and non-admin callers get the status only; the components and their details (database version,
 *       schemas, the Redis endpoint, contract and operator addresses, halts) are for admins;</li>
 *   <li>an answer is measured at most once a second per instance and path, and served from memory in between: a
 *       flood of health requests cannot spend the node provider's quota (the chain indicator calls it).</li>
 * </ul>
 * The status code (200, or 503 when DOWN) is the same for everyone.
 */
@Filter({"/health", "/health/**"})
public class HealthAnswers implements HttpServerFilter {
    static final Duration REMEMBERED_FOR = Duration.ofSeconds(1);

    private record Measured(Instant at, HttpStatus status, Object body) {}

    private final Map<String, Measured> measured = new ConcurrentHashMap<>();
    private final Clock clock;

    public HealthAnswers(Clock clock) {
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        boolean admin = request.getUserPrincipal(Authentication.class)
                .map(authentication -> authentication.getRoles().contains(Role.ADMIN.name())).orElse(false);
        String path = request.getPath();
        Measured remembered = measured.get(path);
        if (remembered != null && clock.instant().isBefore(remembered.at().plus(REMEMBERED_FOR))) {
            return Mono.just(answer(remembered, admin));
        }
        return Flux.from(chain.proceed(request)).map(response -> {
            Object body = response.body();
            if (!(body instanceof HealthResult)) {
                return response; // an error answer of the framework's: not remembered, not reshaped
            }
            // The status code follows the result here, whichever filter would have set it: DOWN is 503.
            HttpStatus status = ((HealthResult) body).getStatus().equals(HealthStatus.DOWN)
                    ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
            Measured now = new Measured(clock.instant(), status, body);
            measured.put(path, now);
            return answer(now, admin);
        });
    }

    private static MutableHttpResponse<?> answer(Measured measured, boolean admin) {
        HealthResult result = (HealthResult) measured.body();
        Object body = admin ? result : Map.of("status", result.getStatus().getName());
        return HttpResponse.status(measured.status()).body(body);
    }
}
