package io.cadenza.chain.outbox;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** The outbox's intents as they are read ({@code chain_tx}); writes stay with {@link OutboxStore}'s signing path. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxReads extends GenericRepository<ChainTransaction, Long> {
    String COLUMNS = """
            id, idempotency_key, purpose, chain_id, from_address, to_address, calldata, value_wei, gas_limit,
            simulation_deferred_until_nonce, status, nonce, attempts, tx_hash, block_number, block_hash,
            contract_address, gas_used, last_error, revert_reason""";

    @Query("select " + COLUMNS + " from chain_tx where idempotency_key = :idempotencyKey")
    Optional<ChainTransaction> findByKey(String idempotencyKey);

    @Query("select " + COLUMNS + " from chain_tx where id = :id")
    Optional<ChainTransaction> find(long id);

    /** Every account's intents, newest first, with ids below {@code beforeId}. */
    @Query("select " + COLUMNS + " from chain_tx where id < :beforeId order by id desc limit :limit")
    List<ChainTransaction> page(long beforeId, int limit);

    /** Every account's intents in {@code status}, newest first, with ids below {@code beforeId}. */
    @Query("select " + COLUMNS + " from chain_tx where id < :beforeId and status = :status"
            + " order by id desc limit :limit")
    List<ChainTransaction> page(String status, long beforeId, int limit);

    /** The account's intents in {@code status}, oldest first (by nonce once they have one). */
    @Query("select " + COLUMNS + " from chain_tx where chain_id = :chainId and genesis_hash = :genesisHash"
            + " and from_address = :address and status = :status order by nonce nulls last, id limit :limit")
    List<ChainTransaction> withStatus(long chainId, String genesisHash, String address, String status, int limit);
}
