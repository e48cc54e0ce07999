package io.cadenza.api.accounts;

import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.twofactor.TwoFactor;
import io.cadenza.chain.audit.AuditLog;
import io.cadenza.chain.audit.AuditRecord;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;
import io.cadenza.api.problem.ProblemType;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Logins, refreshes and logouts: checks credentials and hands out token pairs. */
@Singleton
public class Sessions {
    public static final String EMAIL_CLAIM = "email";
    /** The login an access token belongs to (its refresh token family), so that ending the login refuses it. */
    public static final String SESSION_CLAIM = "sid";
    /** Whether the account had two-factor authentication on when the token was issued. */
    public static final String TWO_FACTOR_CLAIM = "tfa";
    /** When a TOTP code last proved the caller (epoch seconds): a step-up. */
    public static final String STEP_UP_CLAIM = "stepUpAt";

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final RefreshTokens refreshTokens;
    private final TokenGenerator tokenGenerator;
    private final AuthConfiguration configuration;
    private final Clock clock;
    private final TwoFactor twoFactor;
    private final EmailTokens links;
    private final AuditLog audit;

    public Sessions(AccountStore accounts, PasswordHasher hasher, LoginThrottle throttle, RefreshTokens refreshTokens,
            TokenGenerator tokenGenerator, AuthConfiguration configuration, Clock clock, TwoFactor twoFactor,
            EmailTokens links, AuditLog audit) {
        this.audit = audit;
        this.twoFactor = twoFactor;
        this.links = links;
        this.accounts = accounts;
        this.hasher = hasher;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.tokenGenerator = tokenGenerator;
        this.configuration = configuration;
        this.clock = clock;
    }

    /**
     * Checks the email and password from {@code client} (the caller's address), and the second factor when the
     * account has one: a TOTP {@code code} or a {@code recoveryCode}. Wrong email and wrong password answer alike, in
     * about the same time; an attempt the throttle does not reserve is refused without checking anything (see
     * {@link LoginThrottle}). A wrong or missing second factor counts as a failed attempt: guessing codes runs into the
     * same lockout as guessing passwords.
     */
    public TokenPair login(String email, String password, @Nullable String code, @Nullable String recoveryCode,
            String client) {
        SignIn signIn = throttle.guarded(email, client, () -> {
            Optional<Account> account = accounts.findByEmail(email);
            boolean matches;
            if (account.isPresent()) {
                matches = hasher.verify(password, account.get().passwordHash());
            } else {
                hasher.verifyNothing(password);
                matches = false;
            }
            if (!matches) {
                throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "The email or the password is wrong.");
            }
            return secondFactor(account.get(), code, recoveryCode);
        });
        Account found = signIn.account();
        if (found.role() == Role.ADMIN) {
            // An auditor asks who could act when: every admin sign-in is in the log.
            audit.append(AuditRecord.of(found.id(), "account.sign-in", "account:" + found.id())
                    .withAfter(AuditRecord.state("secondFactor", signIn.steppedUp() != null ? "code"
                            : code == null && recoveryCode == null ? "none" : "recovery-code")));
        }
        if (hasher.needsRehash(found.passwordHash())) {
            accounts.updatePasswordHash(found.id(), hasher.hash(password));
        }
        return pair(signIn, refreshTokens.issue(found.id(), configuration.refreshTokenLifetime(), clock));
    }

    /**
     * Signs in with an emailed link's token (for accounts that turned sign-in by link on), and the second factor when
     * the account has one. The link is spent only when everything else was right: a link opened without the code
     * still works once the code is typed.
     */
    public TokenPair loginWithLink(String token, @Nullable String code, @Nullable String recoveryCode, String client) {
        EmailToken link = links.check(token, EmailToken.Purpose.MAGIC_LINK);
        Account account = accounts.findById(link.accountId()).orElseThrow();
        if (!account.magicLinkEnabled()) {
            throw new ProblemException(ProblemType.MAGIC_LINK_DISABLED, "Sign-in by link is off for this account.");
        }
        SignIn signIn = twoFactor.enabled(account.id())
                ? throttle.guarded(account.email(), client, () -> secondFactor(account, code, recoveryCode))
                : new SignIn(account, false, null);
        links.spend(token, EmailToken.Purpose.MAGIC_LINK);
        return pair(signIn, refreshTokens.issue(account.id(), configuration.refreshTokenLifetime(), clock));
    }

    /**
     * A fresh TOTP code from a signed-in caller: answers an access token of the same login that admits actions asking
     * for a recent second factor ({@code cadenza.auth.step-up-lifetime}). Counted by the login throttle like a login.
     */
    public AccessToken stepUp(Authentication authentication, String code, String client) {
        Account account = accounts.findById(UUID.fromString(authentication.getName())).orElseThrow(() ->
                new ProblemException(ProblemType.UNAUTHENTICATED, "The account no longer exists."));
        if (!twoFactor.enabled(account.id())) {
            throw new ProblemException(ProblemType.TWO_FACTOR_REQUIRED, "Turn two-factor authentication on first.");
        }
        throttle.guarded(account.email(), client, () -> twoFactor.verify(account, code, null));
        return accessToken(account, session(authentication), true, clock.instant());
    }

    /** An access token of the caller's login that says what its second factor is now (after enrolment). */
    public AccessToken reissue(Authentication authentication, @Nullable Instant steppedUp) {
        Account account = accounts.findById(UUID.fromString(authentication.getName())).orElseThrow();
        return accessToken(account, session(authentication), twoFactor.enabled(account.id()), steppedUp);
    }

    /** Who signed in, whether the account has two-factor on, and when a code proved it (a step-up), if one did. */
    private record SignIn(Account account, boolean twoFactor, @Nullable Instant steppedUp) {}

    /** Checks the second factor if the account has one (looked up once per sign-in). */
    private SignIn secondFactor(Account account, @Nullable String code, @Nullable String recoveryCode) {
        if (!twoFactor.enabled(account.id())) {
            return new SignIn(account, false, null);
        }
        if (code == null && recoveryCode == null) {
            throw new ProblemException(ProblemType.SECOND_FACTOR_REQUIRED, "This account has two-factor"
                    + " authentication: send the code from the authenticator (code) or a recovery code (recoveryCode).");
        }
        boolean byCode = twoFactor.verify(account, code, recoveryCode) == TwoFactor.Proof.CODE;
        return new SignIn(account, true, byCode ? clock.instant() : null);
    }

    private static UUID session(Authentication authentication) {
        return UUID.fromString(String.valueOf(authentication.getAttributes().get(SESSION_CLAIM)));
    }

    public TokenPair refresh(String refreshToken) {
        RefreshTokens.Issued next = refreshTokens.rotate(refreshToken, configuration.refreshTokenLifetime(), clock)
                .orElseThrow(() -> new ProblemException(ProblemType.INVALID_REFRESH_TOKEN,
                        "The refresh token is unknown, expired, revoked or already used."));
        Account account = accounts.findById(next.accountId()).orElseThrow();
        return pair(new SignIn(account, twoFactor.enabled(account.id()), null), next);
    }

    public void logout(String refreshToken) {
        refreshTokens.revoke(refreshToken, clock);
    }

    public void logoutEverywhere(Account account) {
        refreshTokens.revokeAll(account.id(), clock);
    }

    private TokenPair pair(SignIn signIn, RefreshTokens.Issued refresh) {
        AccessToken access = accessToken(signIn.account(), refresh.familyId(), signIn.twoFactor(), signIn.steppedUp());
        return new TokenPair(access.accessToken(), access.tokenType(), access.expiresIn(), refresh.token(),
                refresh.expiresAt());
    }

    /**
     * An access token of the login {@code session}: it says whether the account has two-factor authentication on
     * ({@value #TWO_FACTOR_CLAIM}) and when a code last proved it ({@value #STEP_UP_CLAIM}, epoch seconds), so that
     * the gate decides without a lookup. Signed: a client cannot add either.
     */
    private AccessToken accessToken(Account account, UUID session, boolean twoFactorOn, @Nullable Instant steppedUp) {
        long lifetimeSeconds = configuration.accessTokenLifetime().toSeconds();
        Map<String, Object> claims = new java.util.HashMap<>();
        claims.put(EMAIL_CLAIM, account.email());
        claims.put(SESSION_CLAIM, session.toString());
        claims.put(TWO_FACTOR_CLAIM, twoFactorOn);
        if (steppedUp != null) {
            claims.put(STEP_UP_CLAIM, steppedUp.getEpochSecond());
        }
        Authentication authentication = Authentication.build(account.id().toString(), List.of(account.role().name()),
                claims);
        String accessToken = tokenGenerator.generateToken(authentication, Math.toIntExact(lifetimeSeconds))
                .orElseThrow(() -> new IllegalStateException("no access token could be signed"));
        return new AccessToken(accessToken, "Bearer", lifetimeSeconds,
                steppedUp == null ? null : steppedUp.plus(configuration.stepUpLifetime()));
    }
}
