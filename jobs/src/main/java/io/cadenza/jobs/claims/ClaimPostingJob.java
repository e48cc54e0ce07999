package io.cadenza.jobs.claims;

import io.cadenza.jobs.background.Recurring;
import io.cadenza.jobs.statements.RoyaltyConfiguration;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** Runs {@link PostClaims}: batches until caught up with the final blocks. */
@Singleton
public class ClaimPostingJob implements JobRequestHandler<PostClaims> {
    public static final String RECURRING_ID = "claims";
    /** Batches per run: a long backlog is caught up over several runs rather than in one unbounded one. */
    static final int BATCHES_MAX = 100;

    private final ClaimPosting posting;

    public ClaimPostingJob(ClaimPosting posting) {
        this.posting = posting;
    }

    @Override
    public void run(PostClaims request) {
        int batches = 0;
        while (batches++ < BATCHES_MAX && posting.postBatch() > 0) {
            jobContext().logger().info("posted a batch of claims");
        }
    }

    @Factory
    static class Schedule {
        @Singleton
        @Named(RECURRING_ID)
        Recurring claimsJob(RoyaltyConfiguration configuration) {
            return new Recurring(RECURRING_ID, "Post final claims to the ledger", configuration.sweepEvery(),
                    new PostClaims());
        }
    }
}
