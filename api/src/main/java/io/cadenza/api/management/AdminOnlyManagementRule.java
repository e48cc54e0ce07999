package io.cadenza.api.management;

import io.cadenza.api.accounts.Role;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Sensitive management endpoints (index consistency, beans, loggers…) are for admins, not for any signed-in artist or
 * investor. /health and /prometheus are not sensitive and stay open to probes and scrapers.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
public class AdminOnlyManagementRule extends SensitiveEndpointRule {

    public AdminOnlyManagementRule(EndpointSensitivityProcessor endpointSensitivityProcessor) {
        super(endpointSensitivityProcessor);
    }

    @Override
    protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(HttpRequest<?> request,
            Authentication authentication, ExecutableMethod<?, ?> method) {
        return Mono.just(authentication.getRoles().contains(Role.ADMIN.name())
                ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }
}
