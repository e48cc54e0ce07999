package io.cadenza.jobs.distributions;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import org.jobrunr.jobs.context.JobDashboardProgressBar;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link AdvanceDistributions}: one step of each open distribution, oldest first, with progress. */
@Singleton
public class DistributionSweep implements JobRequestHandler<AdvanceDistributions> {
    private static final Logger LOG = LoggerFactory.getLogger(DistributionSweep.class);
    /** Distributions looked at per run; the rest wait for the next. */
    static final int SWEEP_SIZE = 200;

    private final DistributionStore distributions;
    private final DistributionRunner runner;

    public DistributionSweep(DistributionStore distributions, DistributionRunner runner) {
        this.distributions = distributions;
        this.runner = runner;
    }

    @Override
    public void run(AdvanceDistributions request) {
        List<UUID> open = distributions.openIds(SWEEP_SIZE);
        sweep(open, jobContext().progressBar(Math.max(1, open.size())));
    }

    /** Every open distribution one step further where it can go; answers how many moved. */
    public int sweep() {
        return sweep(distributions.openIds(SWEEP_SIZE), null);
    }

    private int sweep(List<UUID> open, JobDashboardProgressBar progress) {
        int moved = 0;
        for (UUID id : open) {
            try {
                if (runner.advance(id)) {
                    moved++;
                }
                if (progress != null) {
                    progress.incrementSucceeded();
                }
            } catch (RuntimeException failure) {
                // One distribution's trouble (a node hiccup) must not hold back the others; the next run retries it.
                LOG.warn("distribution {} not advanced: {}", id, failure.toString());
                if (progress != null) {
                    progress.incrementFailed();
                }
            }
        }
        return moved;
    }
}
