package io.cadenza.api.twofactor;

import io.cadenza.api.accounts.AccessToken;
import io.cadenza.api.accounts.Account;
import io.cadenza.api.accounts.AccountStore;
import io.cadenza.api.accounts.Caller;
import io.cadenza.api.accounts.LoginThrottle;
import io.cadenza.api.accounts.Sessions;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.api.ratelimit.CredentialRoute;
import io.cadenza.api.ratelimit.RateLimits;
import io.cadenza.api.text.Plain;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
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
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Enrolling a TOTP authenticator, turning it off, and an admin's reset of another account's lost device. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class TwoFactorController {
    private final TwoFactor twoFactor;
    private final AccountStore accounts;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final RateLimits rateLimits;
    private final Clock clock;

    public TwoFactorController(TwoFactor twoFactor, AccountStore accounts, Sessions sessions, LoginThrottle throttle,
            RateLimits rateLimits, Clock clock) {
        this.twoFactor = twoFactor;
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.rateLimits = rateLimits;
        this.clock = clock;
    }

    /** What confirming answers: the recovery codes (shown this once) and an access token that says 2FA is on. */
    @Serdeable
    public record Confirmed(List<String> recoveryCodes, AccessToken session) {
        @Override
        public String toString() {
            return "Confirmed[]";
        }
    }

    /** Starts an enrolment: a new secret, shown once. */
    @Post("/v1/me/two-factor")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @BeforeTwoFactor
    public Enrolment begin(Authentication authentication) {
        return twoFactor.begin(own(authentication));
    }

    /** Confirms the enrolment with a first code from the authenticator. */
    @Post("/v1/me/two-factor/confirm")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @BeforeTwoFactor
    @CredentialRoute
    public Confirmed confirm(@Body @Valid Code code, Authentication authentication, HttpRequest<?> request) {
        Account account = own(authentication);
        List<String> recoveryCodes = throttle.guarded(account.email(), rateLimits.clientAddress(request),
                () -> twoFactor.confirm(account, code.code()));
        return new Confirmed(recoveryCodes, sessions.reissue(authentication, clock.instant()));
    }

    @Serdeable
    public record RecoveryCodes(List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "RecoveryCodes[]";
        }
    }

    /** Ten new recovery codes, shown once, for a current code; the old ones stop working. */
    @Post("/v1/me/two-factor/recovery-codes")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @CredentialRoute
    public RecoveryCodes renewRecoveryCodes(@Body @Valid Code code, Authentication authentication,
            HttpRequest<?> request) {
        Account account = own(authentication);
        proved(account, code, request);
        return new RecoveryCodes(twoFactor.renewRecoveryCodes(account));
    }

    /**
     * Turns two-factor authentication off, with a current code; every login of the account ends (their tokens said
     * it was on). An admin who does this can do nothing but enrol again.
     */
    @Post("/v1/me/two-factor/disable")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @CredentialRoute
    @Status(HttpStatus.NO_CONTENT)
    public void disable(@Body @Valid Code code, Authentication authentication, HttpRequest<?> request) {
        Account account = own(authentication);
        proved(account, code, request);
        twoFactor.disable(account.id(), account.id());
        sessions.logoutEverywhere(account);
    }

    /** An admin resets another account's second factor (a lost device): that account's logins end. */
    @Delete("/v1/admin/accounts/{id}/two-factor")
    @Secured("ADMIN")
    @StepUp
    @Status(HttpStatus.NO_CONTENT)
    public void reset(@PathVariable UUID id, Authentication authentication) {
        Account account = accounts.findById(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No account " + id + "."));
        if (!twoFactor.disable(id, Caller.of(authentication).accountId())) {
            throw new ProblemException(ProblemType.CONFLICT, "The account has no second factor.");
        }
        sessions.logoutEverywhere(account);
    }

    /** A current code of the caller's authenticator, counted by the login throttle like a login. */
    private void proved(Account account, Code code, HttpRequest<?> request) {
        throttle.guarded(account.email(), rateLimits.clientAddress(request),
                () -> twoFactor.verify(account, code.code(), null));
    }

    private Account own(Authentication authentication) {
        return accounts.findById(Caller.of(authentication).accountId()).orElseThrow(() ->
                new ProblemException(ProblemType.UNAUTHENTICATED, "The account no longer exists."));
    }
}
