package io.cadenza.api.accounts;

import io.cadenza.api.ratelimit.CredentialRoute;
import io.cadenza.api.text.Plain;
import io.cadenza.api.twofactor.BeforeTwoFactor;
import io.cadenza.api.twofactor.TwoFactor;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What one-time links by mail do: verify the email, reset a forgotten password, and (for accounts that turn it on)
 * sign in. Asking for a link answers 202 whatever the address: whether an account has it is not told.
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccountLinksController {
    private final EmailVerifications verifications;
    private final PasswordResets resets;
    private final MagicLinks magicLinks;
    private final AccountStore accounts;
    private final ArtistVerification artists;
    private final TwoFactor twoFactor;

    public AccountLinksController(EmailVerifications verifications, PasswordResets resets, MagicLinks magicLinks,
            AccountStore accounts, ArtistVerification artists, TwoFactor twoFactor) {
        this.verifications = verifications;
        this.resets = resets;
        this.magicLinks = magicLinks;
        this.accounts = accounts;
        this.artists = artists;
        this.twoFactor = twoFactor;
    }

    @Serdeable
    public record Address(@NotBlank @Plain @Size(max = 254) String email) {}

    @Serdeable
    public record Token(@NotBlank @Plain @Size(max = 64) String token) {
        @Override
        public String toString() {
            return "Token[]";
        }
    }

    @Serdeable
    public record NewPassword(@NotBlank @Plain @Size(max = 64) String token,
            @NotNull @Plain @Size(max = 4 * PasswordPolicy.LENGTH_MAX) String password) {
        @Override
        public String toString() {
            return "NewPassword[]";
        }
    }

    @Serdeable
    public record Switch(boolean enabled) {}

    /** Spends a verification link's token. */
    @Post("/email-verifications")
    @CredentialRoute
    @Secured(SecurityRule.IS_ANONYMOUS)
    public AccountView verify(@Body @Valid Token token) {
        return AccountView.of(verifications.confirm(token.token()));
    }

    /** Mails the caller a new verification link. */
    @Post("/me/email-verification")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @BeforeTwoFactor
    @Status(HttpStatus.ACCEPTED)
    public void resendVerification(Authentication authentication) {
        verifications.send(Caller.of(authentication).accountId());
    }

    @Post("/password-resets")
    @CredentialRoute
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Status(HttpStatus.ACCEPTED)
    public void requestReset(@Body @Valid Address address) {
        resets.request(address.email());
    }

    @Post("/password-resets/confirm")
    @CredentialRoute
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Status(HttpStatus.NO_CONTENT)
    public void completeReset(@Body @Valid NewPassword request) {
        resets.complete(request.token(), request.password());
    }

    @Post("/magic-links")
    @CredentialRoute
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Status(HttpStatus.ACCEPTED)
    public void requestMagicLink(@Body @Valid Address address) {
        magicLinks.request(address.email());
    }

    /** Turns sign-in by emailed link on or off for the caller. */
    @Post("/me/magic-link")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public AccountView setMagicLink(@Body @Valid Switch request, Authentication authentication) {
        Account account = accounts.findById(Caller.of(authentication).accountId()).orElseThrow();
        Account changed = magicLinks.setEnabled(account, request.enabled());
        return AccountView.own(changed, artists, twoFactor.enabled(changed.id()));
    }
}
