package io.cadenza.jobs.distributions;

import io.cadenza.jobs.background.BackgroundJobs;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * Starts distributions at once after what plans them commits (an approval, a retry), instead of at the next run of
 * the recurring job — which still finds them if this prompt is lost to a crash right after the commit.
 */
@Singleton
public class DistributionPrompts {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DistributionPrompts.class);
    private final BackgroundJobs jobs;

    public DistributionPrompts(BackgroundJobs jobs) {
        this.jobs = jobs;
    }

    public void statementApproved(UUID statementId) {
        prompt("distributions:statement:" + statementId, "Distribute statement " + statementId, "approval");
    }

    public void retried(Distribution distribution) {
        prompt("distributions:retry:" + distribution.id() + ":" + distribution.attempt(), "Retry distribution "
                + distribution.id() + " (attempt " + distribution.attempt() + ")", "retry");
    }

    private void prompt(String key, String name, String cause) {
        try {
            jobs.enqueueOnce(key, name, new AdvanceDistributions(), List.of("distribution", cause));
        } catch (RuntimeException lost) {
            // What the prompt is for has committed: the recurring job finds it anyway. The caller is not failed.
            LOG.warn("could not enqueue {} ({}); the recurring distributions job will pick it up", name,
                    lost.toString());
        }
    }
}
