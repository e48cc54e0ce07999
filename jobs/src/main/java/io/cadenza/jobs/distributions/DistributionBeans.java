package io.cadenza.jobs.distributions;

import io.cadenza.chain.connection.ChainConnection;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The chain reads distributions need. */
@Factory
public class DistributionBeans {

    @Singleton
    PayoutTokens payoutTokens(ChainConnection connection) {
        return new PayoutTokens(connection);
    }
}
