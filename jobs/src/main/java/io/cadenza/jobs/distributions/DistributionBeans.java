package io.cadenza.jobs.distributions;

import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.jobs.background.Recurring;
import io.cadenza.jobs.statements.RoyaltyConfiguration;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The chain reads distributions need, and their recurring job. */
@Factory
public class DistributionBeans {
    public static final String RECURRING_ID = "distributions";

    @Singleton
    PayoutTokens payoutTokens(ChainConnection connection) {
        return new PayoutTokens(connection);
    }

    @Singleton
    @Named(RECURRING_ID)
    Recurring distributionsJob(RoyaltyConfiguration configuration) {
        return new Recurring(RECURRING_ID, "Advance open distributions (fund, submit, confirm)",
                configuration.sweepEvery(), new AdvanceDistributions());
    }
}
