package io.cadenza.chain.connection;

import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.chain.config.MissingUrl;
import io.cadenza.chain.config.SignerKey;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

/**
 * The chain the application works on: the configured node and operator, or (when no node is configured) whatever
 * endpoint the dev services provide.
 */
@Factory
public class ConnectionBeans {

    @Singleton
    @Requires(property = "cadenza.chain.rpc-url")
    ChainEndpoint configuredChain(ChainConfiguration configuration) {
        SignerKey operator = operatorKey(configuration);
        if (operator == null) {
            throw new ConfigurationException("cadenza.chain.signer-key (or CADENZA_CHAIN_SIGNER_KEY) is required with "
                    + "cadenza.chain.rpc-url: it is the platform operator's key");
        }
        return new ChainEndpoint(configuration.rpcUrl(), operator);
    }

    /** Without a node the deployable cannot start: the dev stack adds a Hardhat node, whose endpoint is primary. */
    @Singleton
    @Requires(missingProperty = "cadenza.chain.rpc-url")
    ChainEndpoint missingChain() {
        throw MissingUrl.of("cadenza.chain.rpc-url", "CADENZA_CHAIN_RPC_URL", "chain node");
    }

    @Singleton
    @Requires(beans = ChainEndpoint.class)
    @Bean(preDestroy = "close")
    ChainConnection chainConnection(ChainEndpoint endpoint, ChainConfiguration configuration) {
        return ChainConnection.open(endpoint, configuration.chainId(), configuration.pollInterval());
    }

    /** The configured operator key, or null; a malformed one is a configuration error that names the setting. */
    public static SignerKey operatorKey(ChainConfiguration configuration) {
        try {
            return configuration.operatorKey().orElse(null);
        } catch (IllegalArgumentException malformed) {
            throw new ConfigurationException(malformed.getMessage());
        }
    }
}
