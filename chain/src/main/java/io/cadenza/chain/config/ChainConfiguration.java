package io.cadenza.chain.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach and use the chain.
 *
 * @param rpcUrl JSON-RPC endpoint; when absent, the application starts a local Hardhat node (dev services)
 * @param chainId the chain id the endpoint must report; transactions are signed for it
 * @param confirmations blocks on top of a transaction's block before it counts as confirmed
 * @param pollInterval how often to poll the node for receipts and new blocks
 * @param signerKey the platform operator's key, 32 bytes of hex; required with an external rpcUrl, never logged. Held
 *     as text and parsed by {@link #operatorKey()}, so that a malformed key is reported as malformed (binding a
 *     rejected value would silently make it absent) and never echoed
 * @param stablecoinAddress payout and payment token; when absent on a local chain, a TestStablecoin is deployed
 */
@ConfigurationProperties("cadenza.chain")
public record ChainConfiguration(
        @Nullable URI rpcUrl,
        @Bindable(defaultValue = "31337") @Positive long chainId,
        @Bindable(defaultValue = "1") @PositiveOrZero @Max(CONFIRMATIONS_MAX) int confirmations,
        @Bindable(defaultValue = "200ms") @NotNull Duration pollInterval,
        @Nullable String signerKey,
        @Nullable @Pattern(regexp = "0x[0-9a-fA-F]{40}") String stablecoinAddress) {

    /** Deeper than any finality rule we use (Ethereum finalises in about 64 blocks). */
    public static final int CONFIRMATIONS_MAX = 256;

    /**
     * The operator's key, when one is configured.
     *
     * @throws IllegalArgumentException naming the setting, never its value, when the key is malformed
     */
    public Optional<SignerKey> operatorKey() {
        if (signerKey == null || signerKey.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SignerKey.parse(signerKey));
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("cadenza.chain.signer-key (CADENZA_CHAIN_SIGNER_KEY) is malformed: "
                    + malformed.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ChainConfiguration[rpcUrl=" + rpcUrl + ", chainId=" + chainId + ", confirmations=" + confirmations
                + ", pollInterval=" + pollInterval + ", signerKey=" + (signerKey == null ? "absent" : "<redacted>")
                + ", stablecoinAddress=" + stablecoinAddress + "]";
    }

    /** Chain ids of local development nodes (Hardhat, Anvil/Ganache), where test contracts may be deployed. */
    public boolean isLocalChain() {
        return chainId == 31337 || chainId == 1337;
    }
}
