package io.cadenza.chain.outbox;

import java.util.Locale;
import java.util.Objects;

/**
 * A signing account on one chain. A chain is its id and its genesis hash: two chains can share an id (a development
 * chain started afresh under the same database), and the outbox must never send one chain's intents to the other.
 */
public record ChainAccount(long chainId, String genesisHash, String address) {
    public ChainAccount {
        Objects.requireNonNull(genesisHash, "genesisHash");
        genesisHash = genesisHash.toLowerCase(Locale.ROOT);
        address = Objects.requireNonNull(address, "address").toLowerCase(Locale.ROOT);
    }
}
