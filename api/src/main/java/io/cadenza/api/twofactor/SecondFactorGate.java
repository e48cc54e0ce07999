package io.cadenza.api.twofactor;

import io.cadenza.api.accounts.AuthConfiguration;
import io.cadenza.api.accounts.Role;
import io.cadenza.api.accounts.Sessions;
import io.cadenza.api.problem.Problem;
import io.cadenza.api.problem.ProblemType;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteAttributes;
import java.time.Clock;
import java.time.Instant;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * After authentication: an admin whose token says two-factor authentication is off may only take the actions marked
 * {@link BeforeTwoFactor} (enrol, read their account, log out); an action marked {@link StepUp} needs a code within
 * {@code cadenza.auth.step-up-lifetime}. Both read the signed token's claims, so the gate costs no lookup; turning a
 * factor off or resetting it ends the account's logins, and with them the claims that said it was on.
 */
@Filter("/**")
public class SecondFactorGate implements HttpServerFilter {
    private final AuthConfiguration configuration;
    private final Clock clock;

    public SecondFactorGate(AuthConfiguration configuration, Clock clock) {
        this.configuration = configuration;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Authentication caller = request.getUserPrincipal(Authentication.class).orElse(null);
        if (caller == null) {
            return chain.proceed(request);
        }
        AnnotationMetadata route = RouteAttributes.getRouteMatch(request)
                .map(match -> match.getRouteInfo().getAnnotationMetadata()).orElse(AnnotationMetadata.EMPTY_METADATA);
        boolean twoFactor = Boolean.TRUE.equals(caller.getAttributes().get(Sessions.TWO_FACTOR_CLAIM));
        if (caller.getRoles().contains(Role.ADMIN.name()) && !twoFactor && !route.hasAnnotation(BeforeTwoFactor.class)) {
            return refuse(ProblemType.TWO_FACTOR_REQUIRED, "Admins need two-factor authentication: enrol with POST"
                    + " /v1/me/two-factor, confirm with a code, then sign in again (or use the access token the"
                    + " confirmation answers).");
        }
        if (route.hasAnnotation(StepUp.class) && !steppedUpRecently(caller)) {
            return refuse(ProblemType.STEP_UP_REQUIRED, "This action moves money or rights: send a fresh code to POST"
                    + " /v1/sessions/step-up and repeat it with the access token answered.");
        }
        return chain.proceed(request);
    }

    private boolean steppedUpRecently(Authentication caller) {
        if (!(caller.getAttributes().get(Sessions.STEP_UP_CLAIM) instanceof Number at)) {
            return false;
        }
        Instant steppedUp = Instant.ofEpochSecond(at.longValue());
        Instant now = clock.instant();
        return !steppedUp.isAfter(now.plusSeconds(5)) && steppedUp.plus(configuration.stepUpLifetime()).isAfter(now);
    }

    private static Publisher<MutableHttpResponse<?>> refuse(ProblemType type, String detail) {
        return Mono.just(HttpResponse.status(type.status()).contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(type, detail, null)));
    }
}
