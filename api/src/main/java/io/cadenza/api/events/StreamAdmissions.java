package io.cadenza.api.events;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * At most {@code cadenza.events.streams-per-account} open event streams per account, counted in Redis across every
 * instance. An open stream holds a lease it renews with its heartbeats; a stream whose instance died lapses after
 * {@link #LEASE}, so a crash never leaves an account's slots taken for good. Admission is one script: concurrent
 * openings cannot both take the last slot. With Redis away, streams are admitted (a limit is protection; the events
 * themselves come from PostgreSQL).
 */
@Singleton
public class StreamAdmissions {
    /** Three heartbeats: a stream that missed them is gone. */
    static final Duration LEASE = EventsController.HEARTBEAT_INTERVAL.multipliedBy(3);
    private static final Logger LOG = LoggerFactory.getLogger(StreamAdmissions.class);
    /**
     * KEYS: the account's streams (a sorted set by lease expiry). ARGV: the stream, now (ms), its lease's end (ms),
     * the cap. Drops lapsed leases, then admits the stream if there is room: 1 admitted, 0 refused.
     */
    private static final String ADMIT_SCRIPT = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
            redis.call('PEXPIREAT', KEYS[1], ARGV[3])
            return 1""";

    private final StatefulRedisConnection<String, String> redis;
    private final Clock clock;
    private final int perAccount;

    public StreamAdmissions(StatefulRedisConnection<String, String> redis, Clock clock,
            @Value("${cadenza.events.streams-per-account:5}") int perAccount) {
        if (perAccount < 1) {
            throw new IllegalArgumentException("cadenza.events.streams-per-account must be at least 1");
        }
        this.redis = redis;
        this.clock = clock;
        this.perAccount = perAccount;
    }

    public int perAccount() {
        return perAccount;
    }

    /** Whether {@code stream} may open for {@code account}; it then holds a lease to {@link #renew} and release. */
    public Mono<Boolean> admit(UUID account, UUID stream) {
        long now = clock.millis();
        return Mono.fromCompletionStage(redis.async().<Long>eval(ADMIT_SCRIPT, ScriptOutputType.INTEGER,
                        new String[] {key(account)}, stream.toString(), Long.toString(now),
                        Long.toString(now + LEASE.toMillis()), Integer.toString(perAccount)))
                .map(admitted -> admitted == 1)
                .onErrorResume(unavailable -> {
                    LOG.warn("stream limit not checked (Redis: {}); the stream is admitted", unavailable.toString());
                    return Mono.just(true);
                });
    }

    /** Extends the stream's lease (at each heartbeat); best effort. */
    public void renew(UUID account, UUID stream) {
        long until = clock.millis() + LEASE.toMillis();
        try {
            redis.async().zadd(key(account), until, stream.toString());
            redis.async().pexpireat(key(account), until);
        } catch (RuntimeException unavailable) {
            LOG.debug("stream lease not renewed: {}", unavailable.toString());
        }
    }

    /** Gives the stream's slot back when it ends. */
    public void release(UUID account, UUID stream) {
        try {
            redis.async().zrem(key(account), stream.toString());
        } catch (RuntimeException unavailable) {
            LOG.debug("stream lease not released (it lapses): {}", unavailable.toString());
        }
    }

    private static String key(UUID account) {
        return "cadenza:streams:" + account;
    }
}
