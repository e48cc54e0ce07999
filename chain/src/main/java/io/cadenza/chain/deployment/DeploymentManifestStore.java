package io.cadenza.chain.deployment;

import io.cadenza.chain.database.CurrentTransaction;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The deployment manifest: its rows through {@link DeploymentRecords}, and the advisory lock that keeps two instances
 * starting together from both deploying.
 */
@Singleton
public class DeploymentManifestStore {
    private final DeploymentRecords records;
    private final CurrentTransaction transaction;

    public DeploymentManifestStore(DeploymentRecords records, CurrentTransaction transaction) {
        this.records = records;
        this.transaction = transaction;
    }

    /** Contracts recorded so far for the chain, complete or not. */
    public Map<SuiteContract, DeployedContract> findContracts(long chainId, String genesisHash) {
        Map<SuiteContract, DeployedContract> contracts = new EnumMap<>(SuiteContract.class);
        for (DeploymentRecords.ContractRow row : records.contracts(chainId, genesisHash)) {
            DeployedContract contract = row.contract();
            contracts.put(contract.contract(), contract);
        }
        return contracts;
    }

    public boolean isComplete(long chainId, String genesisHash) {
        return records.isComplete(chainId, genesisHash);
    }

    /** Records a contract; a contract deployed again (its code was gone) replaces the earlier record. */
    public void saveContract(long chainId, String genesisHash, DeployedContract deployed) {
        records.saveContract(chainId, genesisHash, deployed.contract().name(), deployed.address(),
                deployed.transactionHash(), deployed.blockNumber());
    }

    public void markComplete(long chainId, String genesisHash, String operatorAddress) {
        records.markComplete(chainId, genesisHash, operatorAddress.toLowerCase(Locale.ROOT));
    }

    /**
     * Runs {@code work} holding a PostgreSQL advisory lock for the chain's deployment, so that two instances starting
     * together do not both deploy. The lock is a session lock on a connection held for the duration.
     */
    public <T> T withDeploymentLock(long chainId, Callable<T> work) {
        String key = "cadenza.chain.deployment:" + chainId;
        try (Connection connection = transaction.sessions().getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(hashtextextended(?, 0))")) {
                lock.setString(1, key);
                lock.execute();
            }
            try {
                return work.call();
            } finally {
                try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(hashtextextended(?, 0))")) {
                    unlock.setString(1, key);
                    unlock.execute();
                }
            }
        } catch (SQLException failure) {
            throw new DeploymentStoreException("locking the deployment of chain " + chainId, failure);
        } catch (RuntimeException failure) {
            throw failure;
        } catch (Exception failure) {
            throw new DeploymentFailedException("deploying the suite to chain " + chainId + " failed", failure);
        }
    }
}
