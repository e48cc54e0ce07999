package io.cadenza.api.devservices;

import io.cadenza.chain.devnode.ContractsProject;
import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.connection.ChainEndpoint;
import io.cadenza.chain.connection.ConnectionBeans;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/** A Hardhat node from contracts/, started when cadenza.chain.rpc-url is absent. The suite is deployed to it. */
@Singleton
@Requires(missingProperty = "cadenza.chain.rpc-url")
public class DevChainNode implements AutoCloseable {
    private final HardhatNode node;

    public DevChainNode(DevServicesConfiguration configuration) {
        try {
            node = HardhatNode.start(ContractsProject.locate(), configuration.logDirectory().resolve("hardhat-node.log"));
        } catch (IOException failure) {
            throw new UncheckedIOException("starting the Hardhat dev node", failure);
        }
    }

    public URI rpcUrl() {
        return node.rpcUrl();
    }

    /** The dev node's operator is Hardhat's public account 0, unless a key is configured. */
    @Factory
    static class Endpoint {
        @Singleton
        @Primary
        @Requires(missingProperty = "cadenza.chain.rpc-url")
        ChainEndpoint devChain(DevChainNode node, ChainConfiguration configuration) {
            SignerKey configured = ConnectionBeans.operatorKey(configuration);
            return new ChainEndpoint(node.rpcUrl(), configured != null ? configured : HardhatNode.devAccount(0));
        }
    }

    @PreDestroy
    @Override
    public void close() {
        node.close();
    }
}
