package io.cadenza.api.wallets;

import io.cadenza.chain.config.ChainConfiguration;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
public class WalletsFactory {
    @Singleton
    WalletChallenges walletChallenges(StatefulRedisConnection<String, String> redis,
            WalletsConfiguration configuration, ChainConfiguration chain, Clock clock) {
        return new WalletChallenges(redis,
                WalletChallenges.expectationsFor(configuration.siweOrigin(), chain.chainId()),
                configuration.challengeLifetime(), clock);
    }

    @Singleton
    SiweVerifier siweVerifier() {
        return new SiweVerifier();
    }
}
