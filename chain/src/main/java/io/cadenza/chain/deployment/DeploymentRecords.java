package io.cadenza.chain.deployment;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** The deployment manifest's rows: each contract of a chain's suite, and whether the suite is complete. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DeploymentRecords extends GenericRepository<DeploymentRecords.ContractRow, String> {

    /** A row of {@code chain_deployed_contract}. */
    @Introspected
    record ContractRow(String contractName, String address, @Nullable String transactionHash,
            @Nullable Long blockNumber) {

        DeployedContract contract() {
            return new DeployedContract(SuiteContract.valueOf(contractName), address, transactionHash, blockNumber);
        }
    }

    @Query("""
            select contract_name, address, transaction_hash, block_number
            from chain_deployed_contract where chain_id = :chainId and genesis_hash = :genesisHash""")
    List<ContractRow> contracts(long chainId, String genesisHash);

    @Query("select count(*) > 0 from chain_deployment where chain_id = :chainId and genesis_hash = :genesisHash")
    boolean isComplete(long chainId, String genesisHash);

    /** Records a contract; a contract deployed again (its code was gone) replaces the earlier record. */
    @Query("""
            insert into chain_deployed_contract (chain_id, genesis_hash, contract_name, address, transaction_hash,
                                                 block_number)
            values (:chainId, :genesisHash, :contractName, :address, :transactionHash, :blockNumber)
            on conflict (chain_id, genesis_hash, contract_name) do update
            set address = excluded.address, transaction_hash = excluded.transaction_hash,
                block_number = excluded.block_number, recorded_at = now()""")
    void saveContract(long chainId, String genesisHash, String contractName, String address,
            @Nullable String transactionHash, @Nullable Long blockNumber);

    @Query("""
            insert into chain_deployment (chain_id, genesis_hash, operator_address)
            values (:chainId, :genesisHash, :operatorAddress)
            on conflict (chain_id, genesis_hash) do nothing""")
    void markComplete(long chainId, String genesisHash, String operatorAddress);
}
