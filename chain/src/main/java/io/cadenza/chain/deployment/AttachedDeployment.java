package io.cadenza.chain.deployment;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A suite deployed already (by another database's instances, or by hand), to attach to instead of deploying one: a
 * new, empty database for an existing deployment must not deploy a second suite on the same chain. The registry and
 * the factory are named; the implementations are read from the factory, the stablecoin is
 * {@code cadenza.chain.stablecoin-address}.
 *
 * @param masterRegistry the MasterRegistry's address; set it to attach
 * @param offeringFactory the OfferingFactory's address
 * @param block the block the suite was deployed in (or any block before it): where the indexer starts
 */
@ConfigurationProperties("cadenza.chain.deployment")
public record AttachedDeployment(
        @Nullable @Pattern(regexp = "0x[0-9a-fA-F]{40}") String masterRegistry,
        @Nullable @Pattern(regexp = "0x[0-9a-fA-F]{40}") String offeringFactory,
        @Nullable @PositiveOrZero Long block) {

    public static AttachedDeployment none() {
        return new AttachedDeployment(null, null, null);
    }

    public boolean configured() {
        return masterRegistry != null;
    }
}
