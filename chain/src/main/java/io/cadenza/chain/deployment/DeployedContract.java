package io.cadenza.chain.deployment;

import io.micronaut.core.annotation.Nullable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where one contract of the suite lives.
 *
 * @param transactionHash the creating transaction, or null for a contract we did not deploy (an external token)
 * @param blockNumber the block of the creating transaction, or null with it
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
        if ((transactionHash == null) != (blockNumber == null)) {
            throw new IllegalArgumentException("a deployed contract has both a transaction and a block, or neither");
        }
    }

    public static DeployedContract external(SuiteContract contract, String address) {
        return new DeployedContract(contract, address, null, null);
    }
}
