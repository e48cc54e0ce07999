package io.cadenza.api.accounts;

import io.cadenza.api.ratelimit.CredentialRoute;
import io.cadenza.api.twofactor.BeforeTwoFactor;
import io.cadenza.api.twofactor.TwoFactor;
import java.util.UUID;
import io.cadenza.api.idempotency.IdempotentRequests;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

/** Sign-up and the caller's own account. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccountsController {
    private final AccountRegistration registration;
    private final AccountStore accounts;
    private final Sessions sessions;
    private final IdempotentRequests idempotency;
    private final PasswordHasher hasher;
    private final ArtistVerification verification;
    private final TwoFactor twoFactor;

    public AccountsController(AccountRegistration registration, AccountStore accounts, Sessions sessions,
            IdempotentRequests idempotency, PasswordHasher hasher, ArtistVerification verification,
            TwoFactor twoFactor) {
        this.twoFactor = twoFactor;
        this.verification = verification;
        this.idempotency = idempotency;
        this.hasher = hasher;
        this.registration = registration;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    /** Anyone may sign up as an artist or an investor. */
    @Post("/accounts")
    @CredentialRoute
    @Secured(SecurityRule.IS_ANONYMOUS)
    public MutableHttpResponse<?> signUp(@Body @Valid NewAccount request,
            @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        // The scope names no caller: a replay goes only to whoever sends the password the account was made with.
        return idempotency.run("anonymous:POST /v1/accounts", idempotencyKey,
                idempotency.fingerprint(request.fingerprint()),
                () -> HttpResponse.created(AccountView.of(registration.register(request, null))),
                () -> accounts.findByEmail(request.email())
                        .map(account -> hasher.verify(request.password(), account.passwordHash())).orElse(false));
    }

    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @BeforeTwoFactor
    public AccountView me(Authentication authentication) {
        UUID id = Caller.of(authentication).accountId();
        // The token's subject is an account (MintedClaimsValidator refuses a token of any other).
        return AccountView.own(accounts.findById(id).orElseThrow(), verification, twoFactor.enabled(id));
    }

    /** Logs out everywhere: every refresh token of the account stops working. */
    @Delete("/me/sessions")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @BeforeTwoFactor
    @Status(HttpStatus.NO_CONTENT)
    public void logoutEverywhere(Authentication authentication) {
        sessions.logoutEverywhere(accounts.findById(Caller.of(authentication).accountId()).orElseThrow());
    }
}
