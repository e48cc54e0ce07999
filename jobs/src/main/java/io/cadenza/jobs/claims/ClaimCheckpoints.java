package io.cadenza.jobs.claims;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Where claim posting stands per chain, and which share tokens the platform distributes to. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ClaimCheckpoints extends GenericRepository<ClaimCheckpoint, Long> {

    /** The checkpoint, locked for the transaction: one poster at a time per chain. */
    @Query("select * from ledger_claim_checkpoint where chain_id = :chainId for update")
    Optional<ClaimCheckpoint> lock(long chainId);

    @Query("insert into ledger_claim_checkpoint (chain_id, block_number, log_index) values (:chainId, -1, -1)"
            + " on conflict do nothing")
    void create(long chainId);

    @Query("update ledger_claim_checkpoint set block_number = :blockNumber, log_index = :logIndex"
            + " where chain_id = :chainId")
    void advance(long chainId, long blockNumber, int logIndex);

    /** Share tokens the platform has distributed to: claims of others' tokens are not the ledger's. */
    @Query("select distinct shares_token from royalty_distribution")
    List<String> distributedTokens();
}
