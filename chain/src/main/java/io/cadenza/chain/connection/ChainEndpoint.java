package io.cadenza.chain.connection;

import io.cadenza.chain.config.SignerKey;
import java.net.URI;
import java.util.Objects;

/** Where the chain is and who signs for the platform: from configuration, or from a dev node started for us. */
public record ChainEndpoint(URI rpcUrl, SignerKey signerKey) {
    public ChainEndpoint {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        Objects.requireNonNull(signerKey, "signerKey");
    }
}
