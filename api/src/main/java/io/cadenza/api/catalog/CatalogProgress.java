package io.cadenza.api.catalog;

import io.cadenza.api.masters.Master;
import io.cadenza.api.masters.MasterRegistrar;
import io.cadenza.api.masters.MasterStatus;
import io.cadenza.api.masters.MasterStore;
import io.cadenza.api.offerings.Offering;
import io.cadenza.api.offerings.OfferingLauncher;
import io.cadenza.api.offerings.OfferingStatus;
import io.cadenza.api.offerings.OfferingStore;
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
 * Moves masters and offerings along without waiting for a client to look: pins, registrations, offering creation,
 * sales closing. Each pass claims the rows whose next check is due (most overdue first, skipping rows another
 * instance holds) and leases them, so that every instance can run it without doubling work, and a row whose check
 * fails comes back when its lease ends.
 */
@Context
@Requires(condition = ApiRole.class)
@Requires(property = "cadenza.catalog.progress.enabled", notEquals = "false")
public class CatalogProgress implements AutoCloseable {
    /** Masters, and offerings, claimed per pass: a bound on one pass's work, the rest wait for the next. */
    public static final int ITEMS_PER_PASS_MAX = 100;
    /** How long a claimed row is left to its pass before another may claim it: a failed check retries after it. */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** An open sale is checked this often for an early close (its window's end is checked exactly). */
    static final Duration OPEN_SALE_CHECK_INTERVAL = Duration.ofSeconds(5);
    /** A master waiting for its artist's approval is looked at again after this, should its release be missed. */
    static final Duration AWAITING_APPROVAL_CHECK_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(CatalogProgress.class);

    private final MasterStore masters;
    private final MasterRegistrar registrar;
    private final OfferingStore offerings;
    private final OfferingLauncher launcher;
    private final Clock clock;
    private final Duration interval;
    private final FixedDelayTask task;

    public CatalogProgress(MasterStore masters, MasterRegistrar registrar, OfferingStore offerings,
            OfferingLauncher launcher, Clock clock, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            @Value("${cadenza.catalog.progress.interval:500ms}") Duration interval) {
        this.masters = masters;
        this.registrar = registrar;
        this.offerings = offerings;
        this.launcher = launcher;
        this.clock = clock;
        this.interval = interval;
        this.task = new FixedDelayTask(scheduler, "catalog progress", Duration.ofSeconds(1), interval, this::advance);
    }

    @Override
    @PreDestroy
    public void close() {
        task.close();
    }

    void advance() {
        for (Master master : masters.claimDue(ITEMS_PER_PASS_MAX, LEASE)) {
            try {
                Master moved = registrar.advance(master);
                if (!moved.status().hasStopped()) {
                    // An approval releases waiting masters at once; the slow look is for one missed in a race.
                    masters.scheduleCheck(moved.id(), clock.instant().plus(
                            moved.status() == MasterStatus.AWAITING_APPROVAL ? AWAITING_APPROVAL_CHECK_INTERVAL
                                    : interval));
                }
            } catch (RuntimeException e) {
                LOG.warn("could not advance master {}; retried in {}", master.id(), LEASE, e);
            }
        }
        for (Offering offering : offerings.claimDue(ITEMS_PER_PASS_MAX, LEASE)) {
            try {
                Offering moved = launcher.advance(offering);
                if (!moved.status().hasStopped()) {
                    offerings.scheduleCheck(moved.id(), nextCheck(moved));
                }
            } catch (RuntimeException e) {
                LOG.warn("could not advance offering {}; retried in {}", offering.id(), LEASE, e);
            }
        }
    }

    /** An offering being created is looked at every pass; an open sale at its end, or sooner for an early close. */
    private Instant nextCheck(Offering offering) {
        Instant now = clock.instant();
        if (offering.status() != OfferingStatus.LIVE) {
            return now.plus(interval);
        }
        Instant soon = now.plus(OPEN_SALE_CHECK_INTERVAL);
        return offering.saleEndsAt().isBefore(soon) ? offering.saleEndsAt() : soon;
    }
}
