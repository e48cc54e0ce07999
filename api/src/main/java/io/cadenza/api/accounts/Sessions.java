package io.cadenza.api.accounts;

import io.cadenza.api.problem.ProblemException;
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

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final RefreshTokens refreshTokens;
    private final TokenGenerator tokenGenerator;
    private final AuthConfiguration configuration;
    private final Clock clock;

    public Sessions(AccountStore accounts, PasswordHasher hasher, LoginThrottle throttle, RefreshTokens refreshTokens,
            TokenGenerator tokenGenerator, AuthConfiguration configuration, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.tokenGenerator = tokenGenerator;
        this.configuration = configuration;
        this.clock = clock;
    }

    /**
     * Checks the email and password from {@code client} (the caller's address). Wrong email and wrong password answer
     * alike, in about the same time; an attempt the throttle does not reserve is refused without checking the
     * password (see {@link LoginThrottle}).
     */
    public TokenPair login(String email, String password, String client) {
        Optional<Duration> locked = throttle.reserve(email, client);
        if (locked.isPresent()) {
            throw new ProblemException(ProblemType.TOO_MANY_FAILED_LOGINS,
                    "Too many failed logins for this email; try again later.").retryAfter(locked.get());
        }
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
        throttle.succeeded(email, client);
        Account found = account.get();
        if (hasher.needsRehash(found.passwordHash())) {
            accounts.updatePasswordHash(found.id(), hasher.hash(password));
        }
        return pair(found, refreshTokens.issue(found.id(), configuration.refreshTokenLifetime(), clock));
    }

    public TokenPair refresh(String refreshToken) {
        RefreshTokens.Issued next = refreshTokens.rotate(refreshToken, configuration.refreshTokenLifetime(), clock)
                .orElseThrow(() -> new ProblemException(ProblemType.INVALID_REFRESH_TOKEN,
                        "The refresh token is unknown, expired, revoked or already used."));
        Account account = accounts.findById(next.accountId()).orElseThrow();
        return pair(account, next);
    }

    public void logout(String refreshToken) {
        refreshTokens.revoke(refreshToken, clock);
    }

    public void logoutEverywhere(Account account) {
        refreshTokens.revokeAll(account.id(), clock);
    }

    private TokenPair pair(Account account, RefreshTokens.Issued refresh) {
        long lifetimeSeconds = configuration.accessTokenLifetime().toSeconds();
        Authentication authentication = Authentication.build(account.id().toString(), List.of(account.role().name()),
                Map.of(EMAIL_CLAIM, account.email(), SESSION_CLAIM, refresh.familyId().toString()));
        String accessToken = tokenGenerator.generateToken(authentication, Math.toIntExact(lifetimeSeconds))
                .orElseThrow(() -> new IllegalStateException("no access token could be signed"));
        return new TokenPair(accessToken, "Bearer", lifetimeSeconds, refresh.token(), refresh.expiresAt());
    }
}
