package io.cadenza.api.accounts;

import io.cadenza.api.ratelimit.CredentialRoute;
import io.cadenza.api.ratelimit.RateLimits;
import io.cadenza.api.text.Plain;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Login (a new session), refresh and logout. */
@Controller("/v1/sessions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class SessionsController {
    private final Sessions sessions;
    private final RateLimits rateLimits;

    public SessionsController(Sessions sessions, RateLimits rateLimits) {
        this.sessions = sessions;
        this.rateLimits = rateLimits;
    }

    @Serdeable
    public record Credentials(@NotBlank @Plain @Size(max = 254) String email,
            @NotNull @Plain @Size(max = 4 * PasswordPolicy.LENGTH_MAX) String password,
            @Nullable @Plain @Size(max = 16) String code, @Nullable @Plain @Size(max = 32) String recoveryCode) {
        @Override
        public String toString() {
            return "Credentials[email=" + email + "]";
        }
    }

    @Serdeable
    public record RefreshRequest(@NotBlank @Plain @Size(max = 128) String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[]";
        }
    }

    @Post
    @CredentialRoute
    public TokenPair login(@Body @Valid Credentials credentials, HttpRequest<?> request) {
        return sessions.login(credentials.email(), credentials.password(), credentials.code(),
                credentials.recoveryCode(), rateLimits.clientAddress(request));
    }

    /** An emailed sign-in link's token, with the second factor when the account has one. */
    @Serdeable
    public record LinkSignIn(@NotBlank @Plain @Size(max = 64) String token, @Nullable @Plain @Size(max = 16) String code,
            @Nullable @Plain @Size(max = 32) String recoveryCode) {
        @Override
        public String toString() {
            return "LinkSignIn[]";
        }
    }

    @Post("/magic-link")
    @CredentialRoute
    public TokenPair loginWithLink(@Body @Valid LinkSignIn signIn, HttpRequest<?> request) {
        return sessions.loginWithLink(signIn.token(), signIn.code(), signIn.recoveryCode(),
                rateLimits.clientAddress(request));
    }

    /**
     * A fresh TOTP code for the signed-in caller: the access token answered admits, for
     * {@code cadenza.auth.step-up-lifetime}, the actions that move money or rights.
     */
    @Post("/step-up")
    @CredentialRoute
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public AccessToken stepUp(@Body @Valid io.cadenza.api.twofactor.Code code, HttpRequest<?> request, Authentication authentication) {
        return sessions.stepUp(authentication, code.code(), rateLimits.clientAddress(request));
    }

    @Post("/refresh")
    @CredentialRoute
    public TokenPair refresh(@Body @Valid RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    @Post("/revoke")
    @Status(HttpStatus.NO_CONTENT)
    public void logout(@Body @Valid RefreshRequest request) {
        sessions.logout(request.refreshToken());
    }
}
