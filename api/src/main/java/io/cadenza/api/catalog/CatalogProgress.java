package io.cadenza.api.catalog;

import io.cadenza.api.masters.Master;
import io.cadenza.api.masters.MasterRegistrar;
import io.cadenza.api.masters.MasterStore;

import io.cadenza.api.offerings.Offering;
import io.cadenza.api.offerings.OfferingLauncher;
import io.cadenza.api.offerings.OfferingStore;
import io.micronaut.context.annotation.Requires;
import io.cadenza.api.scheduling.FixedDelayTask;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves masters along without waiting for a client to look: registrations sent, confirmations and token ids taken
 * from the index. Every instance runs it; the store's compare-and-set transitions keep them from doubling work.
 */
@Context
@Requires(property = "cadenza.catalog.progress.enabled", notEquals = "false")
public class CatalogProgress implements AutoCloseable {
    /** Masters, and offerings, advanced per pass: a bound on one pass's work, the rest wait for the next. */
    public static final int ITEMS_PER_PASS_MAX = 100;
    private static final Logger LOG = LoggerFactory.getLogger(CatalogProgress.class);

    private final MasterStore masters;
    private final MasterRegistrar registrar;
    private final OfferingStore offerings;
    private final OfferingLauncher launcher;

    private final FixedDelayTask task;

    public CatalogProgress(MasterStore masters, MasterRegistrar registrar, OfferingStore offerings,
            OfferingLauncher launcher, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            @Value("${cadenza.catalog.progress.interval:500ms}") Duration interval) {
        this.masters = masters;
        this.registrar = registrar;
        this.offerings = offerings;
        this.launcher = launcher;
        this.task = new FixedDelayTask(scheduler, "catalog progress", Duration.ofSeconds(1), interval, this::advance);
    }

    @Override
    @PreDestroy
    public void close() {
        task.close();
    }

    void advance() {
        for (Master master : masters.inProgress(ITEMS_PER_PASS_MAX)) {
            try {
                registrar.advance(master);
            } catch (RuntimeException e) {
                LOG.warn("could not advance master {}; next pass retries", master.id(), e);
            }
        }
        for (Offering offering : offerings.inProgress(ITEMS_PER_PASS_MAX)) {
            try {
                launcher.advance(offering);
            } catch (RuntimeException e) {
                LOG.warn("could not advance offering {}; next pass retries", offering.id(), e);
            }
        }
    }
}
