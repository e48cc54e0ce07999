package io.cadenza.jobs.distributions;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The job that advances open distributions: recurring (it confirms what the index saw final, and finds what a lost
 * prompt left), and enqueued once per approved statement or retry, so that their distributions start at once.
 */
public record AdvanceDistributions() implements JobRequest {
    @Override
    public Class<DistributionSweep> getJobRequestHandler() {
        return DistributionSweep.class;
    }
}
