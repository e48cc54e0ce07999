package io.cadenza.api.chain;

import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** UP when the node answers and the suite's registry has code; reports the head and the suite's addresses. */
@Singleton
public class ChainHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final ChainConnection connection;
    private final DeploymentManifest manifest;

    public ChainHealthIndicator(ChainConnection connection, DeploymentManifest manifest) {
        this.connection = connection;
        this.manifest = manifest;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        String registryCode;
        BigInteger head;
        try {
            registryCode = connection.web3j().ethGetCode(manifest.masterRegistry(), DefaultBlockParameterName.LATEST)
                    .send().getCode();
            head = connection.blockNumber();
        } catch (IOException unreachable) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("chainId", connection.chainId(), "error", "the node does not answer: " + unreachable.getMessage());
        }
        boolean suitePresent = registryCode != null && registryCode.length() > 2;
        healthStatus = suitePresent ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("chainId", connection.chainId());
        details.put("headBlock", head);
        details.put("suiteDeployed", suitePresent);
        details.put("masterRegistry", manifest.masterRegistry());
        details.put("offeringFactory", manifest.offeringFactory());
        details.put("stablecoin", manifest.stablecoin());
        details.put("operator", connection.operator().getAddress());
        return details;
    }

    @Override
    protected String getName() {
        return "chain";
    }
}
