package io.cadenza.api.retention;

import io.cadenza.api.accounts.RefreshTokenStore;
import io.cadenza.api.idempotency.IdempotencyKeys;
import io.cadenza.api.scheduling.FixedDelayTask;
import io.cadenza.chain.roles.ApiRole;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API keeps, and for how long: an Idempotency-Key's first answer for 24 hours (as Stripe keeps them), a
 * refresh token until it expires. Older rows are deleted in bounded batches, hourly, on every API instance (the
 * deletes are idempotent).
 */
@Context
@Requires(condition = ApiRole.class)
public class Retention implements AutoCloseable {
    /** How long a retry with the same Idempotency-Key is answered the first answer. */
    public static final Duration IDEMPOTENCY_KEY_LIFETIME = Duration.ofHours(24);
    /** Rows deleted per statement, and statements per sweep: a bound on one sweep's work. */
    static final int ROWS_PER_DELETE_MAX = 5_000;
    static final int DELETES_PER_SWEEP_MAX = 100;
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final IdempotencyKeys keys;
    private final RefreshTokenStore refreshTokens;
    private final Clock clock;
    private final FixedDelayTask task;

    public Retention(IdempotencyKeys keys, RefreshTokenStore refreshTokens, Clock clock,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            @Value("${cadenza.retention.interval:1h}") Duration interval) {
        this.keys = keys;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
        this.task = new FixedDelayTask(scheduler, "retention", Duration.ofMinutes(1), interval, this::sweep);
    }

    @Override
    @PreDestroy
    public void close() {
        task.close();
    }

    /** Deletes what is past its time; answers how many rows went. */
    public int sweep() {
        Instant now = clock.instant();
        int keysDeleted = deleteInBatches(limit -> keys.deleteCreatedBefore(now.minus(IDEMPOTENCY_KEY_LIFETIME),
                limit));
        int tokensDeleted = deleteInBatches(limit -> refreshTokens.deleteExpiredBefore(now, limit));
        if (keysDeleted + tokensDeleted > 0) {
            LOG.info("retention: {} idempotency key(s) older than {} and {} expired refresh token(s) deleted",
                    keysDeleted, IDEMPOTENCY_KEY_LIFETIME, tokensDeleted);
        }
        return keysDeleted + tokensDeleted;
    }

    private static int deleteInBatches(java.util.function.IntUnaryOperator deleteUpTo) {
        int deleted = 0;
        for (int batch = 0; batch < DELETES_PER_SWEEP_MAX; batch++) {
            int rows = deleteUpTo.applyAsInt(ROWS_PER_DELETE_MAX);
            deleted += rows;
            if (rows < ROWS_PER_DELETE_MAX) {
                break;
            }
        }
        return deleted;
    }
}
