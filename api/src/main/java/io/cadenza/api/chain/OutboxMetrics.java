package io.cadenza.api.chain;

import io.cadenza.api.scheduling.FixedDelayTask;
import io.cadenza.chain.outbox.GasSpending;
import io.cadenza.chain.outbox.OutboxDepth;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.chain.outbox.TransactionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outbox's depth as gauges: {@code cadenza.outbox.open} per status and {@code cadenza.outbox.oldest.open.seconds};
 * and the operator's gas today: {@code cadenza.outbox.gas.used.today}, {@code cadenza.outbox.gas.spent.today.wei}.
 * Counted by a background pass, not on every scrape, so that a scrape never waits on the database.
 */
@Context
public class OutboxMetrics implements AutoCloseable {
    private static final List<TransactionStatus> OPEN = List.of(TransactionStatus.PENDING, TransactionStatus.SIGNED,
            TransactionStatus.BROADCAST, TransactionStatus.MINED);

    private final TransactionOutbox outbox;
    private final Clock clock;
    private final Map<TransactionStatus, AtomicLong> open = new EnumMap<>(TransactionStatus.class);
    private final AtomicLong oldestOpenSeconds = new AtomicLong();
    private final AtomicLong gasUsedToday = new AtomicLong();
    private final AtomicReference<Double> weiSpentToday = new AtomicReference<>(0.0);
    private final FixedDelayTask task;

    public OutboxMetrics(TransactionOutbox outbox, MeterRegistry registry, Clock clock,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            @Value("${cadenza.metrics.outbox-interval:15s}") Duration interval) {
        this.outbox = outbox;
        this.clock = clock;
        for (TransactionStatus status : OPEN) {
            AtomicLong count = new AtomicLong();
            open.put(status, count);
            Gauge.builder("cadenza.outbox.open", count, AtomicLong::get).tag("status", status.name())
                    .description("chain intents not settled yet").register(registry);
        }
        Gauge.builder("cadenza.outbox.oldest.open.seconds", oldestOpenSeconds, AtomicLong::get)
                .description("how long the oldest unsettled intent has waited (0 when none)").register(registry);
        Gauge.builder("cadenza.outbox.gas.used.today", gasUsedToday, AtomicLong::get)
                .description("gas of the operator's transactions whose receipts came today (UTC)").register(registry);
        Gauge.builder("cadenza.outbox.gas.spent.today.wei", weiSpentToday, AtomicReference::get)
                .description("wei the operator's transactions cost today (UTC)").register(registry);
        this.task = new FixedDelayTask(scheduler, "outbox metrics", Duration.ZERO, interval, this::refresh);
    }

    void refresh() {
        OutboxDepth depth = outbox.depth();
        for (TransactionStatus status : OPEN) {
            open.get(status).set(depth.count(status));
        }
        oldestOpenSeconds.set(depth.oldestOpenSince() == null ? 0
                : Math.max(0, Duration.between(depth.oldestOpenSince(), clock.instant()).toSeconds()));
        GasSpending today = outbox.gasSpending(clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate()
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), 1);
        gasUsedToday.set(today.days().stream().mapToLong(GasSpending.Day::gasUsed).sum());
        weiSpentToday.set(today.days().stream().map(GasSpending.Day::weiSpent)
                .reduce(java.math.BigInteger.ZERO, java.math.BigInteger::add).doubleValue());
    }

    @Override
    @PreDestroy
    public void close() {
        task.close();
    }
}
