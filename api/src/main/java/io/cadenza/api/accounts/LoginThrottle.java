package io.cadenza.api.accounts;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Locks an email out after repeated failed logins, in Redis so that every instance counts together. The window starts
 * at the first failure; a successful login clears it. Keys hold a hash of the email, not the email.
 */
@Singleton
public class LoginThrottle {
    private final RedisCommands<String, String> redis;
    private final int failuresMax;
    private final Duration lockout;

    public LoginThrottle(StatefulRedisConnection<String, String> redis, AuthConfiguration configuration) {
        this.redis = redis.sync();
        this.failuresMax = configuration.loginFailuresMax();
        this.lockout = configuration.lockout();
    }

    /** How long the email stays locked out, or empty when a login may be tried. */
    public Optional<Duration> lockedFor(String email) {
        String key = key(email);
        String failures = redis.get(key);
        if (failures == null || Long.parseLong(failures) < failuresMax) {
            return Optional.empty();
        }
        long secondsLeft = redis.ttl(key);
        return Optional.of(Duration.ofSeconds(Math.max(1, secondsLeft)));
    }

    public void recordFailure(String email) {
        String key = key(email);
        redis.set(key, "0", SetArgs.Builder.nx().ex(lockout));
        redis.incr(key);
    }

    public void clear(String email) {
        redis.del(key(email));
    }

    static String key(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Account.emailKey(email).getBytes(StandardCharsets.UTF_8));
            return "cadenza:login-failures:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
