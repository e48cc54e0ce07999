package io.cadenza.api.events;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** How far each chain's activity has been turned into account events ({@code api_event_checkpoint}). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EventCheckpoints extends GenericRepository<EventCheckpoints.Checkpoint, Long> {

    /**
     * The last log projected; {@code logIndex} is {@link Integer#MAX_VALUE} when its whole block is done. When
     * {@code holderAfter} is set, the activity right after it is a distribution whose holders up to that address
     * have been told.
     */
    @Introspected
    record Checkpoint(long blockNumber, String blockHash, int logIndex, @Nullable String holderAfter) {
        Checkpoint(long blockNumber, String blockHash, int logIndex) {
            this(blockNumber, blockHash, logIndex, null);
        }
    }

    @Query("select block_number, block_hash, log_index, holder_after from api_event_checkpoint where chain_id = :chainId")
    Optional<Checkpoint> find(long chainId);

    /** Moves the checkpoint from {@code from*} to {@code to*} unless another instance moved it first. */
    @Query("""
            insert into api_event_checkpoint (chain_id, block_number, block_hash, log_index, holder_after)
            values (:chainId, :toBlock, :toHash, :toLogIndex, :toHolderAfter)
            on conflict (chain_id) do update set block_number = excluded.block_number,
                block_hash = excluded.block_hash, log_index = excluded.log_index, holder_after = excluded.holder_after
            where api_event_checkpoint.block_number = :fromBlock and api_event_checkpoint.block_hash = :fromHash
              and api_event_checkpoint.log_index = :fromLogIndex
              and api_event_checkpoint.holder_after is not distinct from :fromHolderAfter""")
    void advance(long chainId, long fromBlock, String fromHash, int fromLogIndex, @Nullable String fromHolderAfter,
            long toBlock, String toHash, int toLogIndex, @Nullable String toHolderAfter);

    /** The index recoveries this chain's events have been repaired for; empty before the first pass. */
    @Query("select recovery_count from api_event_checkpoint where chain_id = :chainId")
    Optional<Long> recoveriesRepaired(long chainId);

    /**
     * Records that the events were repaired for the index's recovery {@code recoveryCount}, and moves the checkpoint
     * to where projecting resumes; a repair recorded already (by another instance) is left alone.
     */
    @Query("""
            insert into api_event_checkpoint (chain_id, block_number, block_hash, log_index, holder_after, recovery_count)
            values (:chainId, :toBlock, :toHash, :toLogIndex, :toHolderAfter, :recoveryCount)
            on conflict (chain_id) do update set block_number = excluded.block_number,
                block_hash = excluded.block_hash, log_index = excluded.log_index, holder_after = excluded.holder_after,
                recovery_count = excluded.recovery_count
            where api_event_checkpoint.recovery_count < excluded.recovery_count""")
    void repaired(long chainId, long recoveryCount, long toBlock, String toHash, int toLogIndex,
            @Nullable String toHolderAfter);
}
