package io.cadenza.jobs.custody;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Custody of investors without a wallet.
 *
 * @param seed a BIP-39 mnemonic (12 to 24 words) or a hex seed (32 to 64 bytes) from which custody addresses are
 *     derived; without one there is no custody. Never logged.
 */
@ConfigurationProperties("cadenza.custody")
public record CustodyConfiguration(@Nullable String seed) {

    @Override
    public String toString() {
        return "CustodyConfiguration[seed=" + (seed == null ? "unset" : "set") + "]";
    }
}
