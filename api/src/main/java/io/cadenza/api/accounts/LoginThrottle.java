package io.cadenza.api.accounts;

import io.cadenza.api.text.Sha256;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Limits password guesses, in Redis so that every instance counts together. Keys hold hashes, not emails.
 *
 * <p>An attempt is <em>reserved</em> before its password is checked, atomically (one script), and counted as a
 * failure until it succeeds: however many guesses arrive at once, no more are checked than the limits allow.
 * Two limits, so that a stranger cannot lock the owner out:
 * <ul>
 *   <li>per email and client (the caller's address): {@code loginFailuresMax} failures lock that client out of that
 *       email for {@code lockout}; the owner on another device or network is not affected;</li>
 *   <li>per email, from every client together: past {@code loginBackoffAfter} failures in a {@code lockout} window,
 *       the email takes one attempt per {@code loginBackoff} from anywhere: a slow lane that makes a distributed
 *       guesser's work hopeless while the owner waits seconds, not the lockout.</li>
 * </ul>
 * A successful login clears its client's count and gives its reservation back to the email's.
 */
@Singleton
public class LoginThrottle {
    /**
     * KEYS: the (email, client) count, the email's count, the email's slow-lane gate, the set of the email's client
     * counts (for an unlock). ARGV: the client's limit, the email's limit, the window (ms), the slow lane's interval
     * (ms). Answers 0 when the attempt is reserved (both counts incremented), else the milliseconds to wait.
     */
    private static final String RESERVE_SCRIPT = """
            local client = tonumber(redis.call('GET', KEYS[1]) or '0')
            if client >= tonumber(ARGV[1]) then return math.max(redis.call('PTTL', KEYS[1]), 1) end
            local email = tonumber(redis.call('GET', KEYS[2]) or '0')
            if email >= tonumber(ARGV[2]) then
              if not redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[4]) then
                return math.max(redis.call('PTTL', KEYS[3]), 1)
              end
            end
            if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            if redis.call('INCR', KEYS[2]) == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
            redis.call('SADD', KEYS[4], KEYS[1])
            redis.call('PEXPIRE', KEYS[4], ARGV[3])
            return 0""";
    /** KEYS: the (email, client) count, the email's count. Clears the first, gives one back to the second. */
    private static final String SUCCEEDED_SCRIPT = """
            redis.call('DEL', KEYS[1])
            if redis.call('EXISTS', KEYS[2]) == 1 and redis.call('DECR', KEYS[2]) <= 0 then redis.call('DEL', KEYS[2]) end
            return 0""";

    private final RedisCommands<String, String> redis;
    private final AuthConfiguration configuration;

    public LoginThrottle(StatefulRedisConnection<String, String> redis, AuthConfiguration configuration) {
        this.redis = redis.sync();
        this.configuration = configuration;
    }

    /**
     * Reserves an attempt at {@code email}'s password from {@code client}: empty when it may be checked (it counts as
     * a failure until {@link #succeeded}), else how long to wait.
     */
    public Optional<Duration> reserve(String email, String client) {
        Long waitMillis = redis.eval(RESERVE_SCRIPT, ScriptOutputType.INTEGER,
                new String[] {clientKey(email, client), emailKey(email), gateKey(email), clientsKey(email)},
                Integer.toString(configuration.loginFailuresMax()), Integer.toString(configuration.loginBackoffAfter()),
                Long.toString(configuration.lockout().toMillis()), Long.toString(configuration.loginBackoff().toMillis()));
        return waitMillis == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(waitMillis));
    }

    /**
     * Every check of a credential (a password, a TOTP code, a recovery code) goes through here: the attempt is
     * reserved first (refused with {@code 429 too-many-failed-logins}, and when to come back, when it may not be
     * checked), {@code check} runs, and only when it returns is the attempt a success. A check that throws stays a
     * failed attempt: guessing codes runs into the same lockout as guessing passwords.
     */
    public <T> T guarded(String email, String client, java.util.function.Supplier<T> check) {
        reserve(email, client).ifPresent(wait -> {
            throw new ProblemException(ProblemType.TOO_MANY_FAILED_LOGINS,
                    "Too many failed logins for this email; try again later.").retryAfter(wait);
        });
        T checked = check.get();
        succeeded(email, client);
        return checked;
    }

    /** The password matched: the client's failures are forgotten, and the attempt is not the email's failure. */
    public void succeeded(String email, String client) {
        redis.eval(SUCCEEDED_SCRIPT, ScriptOutputType.INTEGER, clientKey(email, client), emailKey(email));
    }

    /** An admin's unlock: every client's lockout of the email and its slow lane end now. */
    public void clear(String email) {
        for (String clientKey : redis.smembers(clientsKey(email))) {
            redis.del(clientKey);
        }
        redis.del(emailKey(email), gateKey(email), clientsKey(email));
    }

    static String emailKey(String email) {
        return "cadenza:login-failures:" + hash(Account.emailKey(email));
    }

    private static String gateKey(String email) {
        return emailKey(email) + ":slow-lane";
    }

    private static String clientsKey(String email) {
        return emailKey(email) + ":clients";
    }

    private static String clientKey(String email, String client) {
        return emailKey(email) + ":client:" + hash(client);
    }

    private static String hash(String value) {
        return HexFormat.of().formatHex(Sha256.of(value), 0, 16);
    }
}
