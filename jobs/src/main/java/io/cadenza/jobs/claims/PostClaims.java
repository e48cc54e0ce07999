package io.cadenza.jobs.claims;

import org.jobrunr.jobs.lambdas.JobRequest;

/** The recurring job that posts final claims to the ledger. */
public record PostClaims() implements JobRequest {
    @Override
    public Class<ClaimPostingJob> getJobRequestHandler() {
        return ClaimPostingJob.class;
    }
}
