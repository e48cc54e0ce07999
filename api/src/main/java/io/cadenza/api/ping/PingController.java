package io.cadenza.api.ping;

import io.cadenza.api.accounts.Caller;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/**
 * Whether the caller's access token is accepted, and who it names, without touching any store: for clients checking
 * their session, and the baseline that read endpoints are benchmarked against (BENCHMARKS.md).
 */
@Controller("/v1/ping")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class PingController {
    @Serdeable
    public record Pong(UUID accountId, String role) {}

    @Get
    public Pong ping(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return new Pong(caller.accountId(), caller.role().name());
    }
}
