package io.cadenza.chain.deployment;

import io.micronaut.core.annotation.Nullable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where one contract of the suite lives.
 *
 * @param transactionHash the creating transaction, or null for a contract we did not deploy (an external token, or a
 *        suite attached by configuration)
 * @param blockNumber the block of the creating transaction; for an attached suite the configured deployment block;
 *        null for an external token
 */
public record DeployedContract(SuiteContract contract, String address, @Nullable String transactionHash,
        @Nullable Long blockNumber) {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");

    public DeployedContract {
        Objects.requireNonNull(contract, "contract");
        address = Objects.requireNonNull(address, "address").toLowerCase();
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("not an address: " + address);
        }
        if (transactionHash != null && blockNumber == null) {
            throw new IllegalArgumentException("a contract deployed by a transaction has its block");
        }
    }

    public static DeployedContract external(SuiteContract contract, String address) {
        return new DeployedContract(contract, address, null, null);
    }

    /** A contract of a suite deployed elsewhere, attached by configuration, deployed by {@code block}. */
    public static DeployedContract attached(SuiteContract contract, String address, long block) {
        return new DeployedContract(contract, address, null, block);
    }
}
