package io.cadenza.jobs.custody;

import io.cadenza.jobs.background.Recurring;
import io.cadenza.jobs.statements.RoyaltyConfiguration;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** The recurring job that claims custodial holders' dividends. */
public record ClaimForCustodialHolders() implements JobRequest {
    public static final String RECURRING_ID = "custody-claims";

    @Override
    public Class<Handler> getJobRequestHandler() {
        return Handler.class;
    }

    @Singleton
    public static class Handler implements JobRequestHandler<ClaimForCustodialHolders> {
        private final CustodialClaims claims;
        private final Custody custody;

        public Handler(CustodialClaims claims, Custody custody) {
            this.claims = claims;
            this.custody = custody;
        }

        @Override
        public void run(ClaimForCustodialHolders request) {
            if (custody.enabled()) {
                claims.submitDue();
            }
        }
    }

    @Factory
    static class Schedule {
        @Singleton
        @Named(RECURRING_ID)
        Recurring custodyClaimsJob(RoyaltyConfiguration configuration) {
            return new Recurring(RECURRING_ID, "Claim custodial holders' dividends (claimFor)",
                    configuration.sweepEvery(), new ClaimForCustodialHolders());
        }
    }
}
