package io.cadenza.chain.deployment;

import io.cadenza.chain.database.CurrentTransaction;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Reads and writes the deployment manifest (tables chain_deployed_contract and chain_deployment). */
@Singleton
public class DeploymentManifestStore {
    private final CurrentTransaction transaction;

    public DeploymentManifestStore(CurrentTransaction transaction) {
        this.transaction = transaction;
    }

    private <T> T onConnection(String what, CurrentTransaction.SqlWork<T> work) {
        try {
            return transaction.write(work);
        } catch (SQLException failure) {
            throw new DeploymentStoreException(what, failure);
        }
    }

    /** Contracts recorded so far for the chain, complete or not. */
    public Map<SuiteContract, DeployedContract> findContracts(long chainId, String genesisHash) {
        String sql = """
                select contract_name, address, transaction_hash, block_number
                from chain_deployed_contract where chain_id = ? and genesis_hash = ?""";
        Map<SuiteContract, DeployedContract> contracts = new EnumMap<>(SuiteContract.class);
        onConnection("reading the deployment manifest of chain " + chainId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, chainId);
                statement.setString(2, genesisHash);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        SuiteContract contract = SuiteContract.valueOf(rows.getString(1));
                        long block = rows.getLong(4);
                        Long blockNumber = rows.wasNull() ? null : block;
                        contracts.put(contract, new DeployedContract(contract, rows.getString(2), rows.getString(3), blockNumber));
                    }
                }
            }
            return null;
        });
        return contracts;
    }

    public boolean isComplete(long chainId, String genesisHash) {
        String sql = "select 1 from chain_deployment where chain_id = ? and genesis_hash = ?";
        return onConnection("reading the deployment state of chain " + chainId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, chainId);
                statement.setString(2, genesisHash);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** Records a contract; a contract deployed again (its code was gone) replaces the earlier record. */
    public void saveContract(long chainId, String genesisHash, DeployedContract deployed) {
        String sql = """
                insert into chain_deployed_contract (chain_id, genesis_hash, contract_name, address, transaction_hash, block_number)
                values (?, ?, ?, ?, ?, ?)
                on conflict (chain_id, genesis_hash, contract_name) do update
                set address = excluded.address, transaction_hash = excluded.transaction_hash,
                    block_number = excluded.block_number, recorded_at = now()""";
        onConnection("recording " + deployed.contract() + " on chain " + chainId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, chainId);
                statement.setString(2, genesisHash);
                statement.setString(3, deployed.contract().name());
                statement.setString(4, deployed.address());
                statement.setString(5, deployed.transactionHash());
                statement.setObject(6, deployed.blockNumber());
                statement.executeUpdate();
            }
            return null;
        });
    }

    public void markComplete(long chainId, String genesisHash, String operatorAddress) {
        String sql = """
                insert into chain_deployment (chain_id, genesis_hash, operator_address) values (?, ?, ?)
                on conflict (chain_id, genesis_hash) do nothing""";
        onConnection("completing the deployment of chain " + chainId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, chainId);
                statement.setString(2, genesisHash);
                statement.setString(3, operatorAddress.toLowerCase());
                statement.executeUpdate();
            }
            return null;
        });
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
