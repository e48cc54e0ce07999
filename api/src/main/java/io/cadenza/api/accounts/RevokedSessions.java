package io.cadenza.api.accounts;

import io.cadenza.api.scheduling.FixedDelayTask;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logins that ended before their access tokens expired: a logout, a logout everywhere, a refresh token reused. Each
 * access token names its login ({@code sid}, its refresh token family), and an ended login's tokens are refused
 * instead of living out their lifetime.
 *
 * <p>Ended logins are written to Redis (shared by every instance, kept for one access token lifetime, after which
 * the tokens have expired anyway) and checked against a copy in memory: checking a token never waits on Redis (token
 * validation runs on the event loop). The copy takes this instance's revocations at once and everyone's at every
 * sync, a couple of seconds apart.
 */
@Context
public class RevokedSessions implements AutoCloseable {
    static final String KEY_PREFIX = "cadenza:revoked-session:";
    private static final Logger LOG = LoggerFactory.getLogger(RevokedSessions.class);
    private static final long WARN_EVERY_MILLIS = 60_000;
    private static final int SCAN_BATCH = 500;

    private final StatefulRedisConnection<String, String> redis;
    private final Clock clock;
    private final Duration remembered;
    /** Session id → until when (epoch millis) its tokens are refused. */
    private final Map<String, Long> revoked = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong();
    private final FixedDelayTask sync;

    public RevokedSessions(StatefulRedisConnection<String, String> redis, AuthConfiguration configuration, Clock clock,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            @Value("${cadenza.auth.revocation-sync-interval:2s}") Duration syncInterval) {
        this.redis = redis;
        this.clock = clock;
        // A little beyond the lifetime: the clock skew a token's expiry check allows.
        this.remembered = configuration.accessTokenLifetime().plusMinutes(1);
        this.sync = new FixedDelayTask(scheduler, "revoked sessions sync", Duration.ZERO, syncInterval, this::sync);
    }

    /** How long an ended login is remembered: as long as an access token issued before its end can be valid. */
    public Duration window() {
        return remembered;
    }

    /** Refuses the access tokens of these logins from now on, on every instance. */
    public void revoke(Collection<UUID> sessions) {
        long until = clock.millis() + remembered.toMillis();
        for (UUID session : sessions) {
            revoked.put(session.toString(), until);
            try {
                redis.sync().set(KEY_PREFIX + session, Long.toString(until), SetArgs.Builder.px(remembered));
            } catch (RuntimeException e) {
                warn("could not share an ended login; other instances accept its access tokens until they expire", e);
            }
        }
    }

    public boolean isRevoked(String session) {
        Long until = revoked.get(session);
        return until != null && until > clock.millis();
    }

    /** Takes every instance's ended logins from Redis, and forgets those whose tokens have all expired. */
    void sync() {
        long now = clock.millis();
        revoked.values().removeIf(until -> until <= now);
        try {
            ScanCursor cursor = ScanCursor.INITIAL;
            ScanArgs matching = ScanArgs.Builder.matches(KEY_PREFIX + "*").limit(SCAN_BATCH);
            do {
                KeyScanCursor<String> page = redis.sync().scan(cursor, matching);
                if (!page.getKeys().isEmpty()) {
                    List<KeyValue<String, String>> values = redis.sync().mget(page.getKeys().toArray(String[]::new));
                    for (KeyValue<String, String> entry : values) {
                        if (entry.hasValue()) {
                            revoked.merge(entry.getKey().substring(KEY_PREFIX.length()),
                                    Long.parseLong(entry.getValue()), Math::max);
                        }
                    }
                }
                cursor = page;
            } while (!cursor.isFinished());
        } catch (RedisCommandInterruptedException shuttingDown) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            warn("could not read the ended logins of other instances", e);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        sync.close();
    }

    private void warn(String message, RuntimeException e) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("{} (Redis: {}); further warnings for a minute are left out", message, e.toString());
        }
    }
}
