package io.cadenza.api.events;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Accounts' events ({@code api_account_event}) and each account's position counter. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccountEventStore extends GenericRepository<AccountEvent, Long> {

    /** A stored event that stands for a block: its row id, and its position in its account's stream. */
    @Introspected
    record BlockEvent(long id, long position, UUID accountId, String type, long blockNumber, String blockHash) {
        public AccountEvents.SourceBlock block() {
            return new AccountEvents.SourceBlock(blockNumber, blockHash);
        }
    }

    /**
     * Appends the event at the account's next position unless one with the key exists; answers its position when it
     * was new, nothing when the key was taken (a list: an empty answer is no row, not an absent value).
     * The counter's row stays locked until this transaction commits: the next writer for the account waits, so
     * positions commit in order. A key already stored takes a position all the same: streams skip the gap.
     */
    @Query("""
            with counter as (
                insert into api_account_event_counter (account_id, last_position) values (:accountId, 1)
                on conflict (account_id) do update set last_position = api_account_event_counter.last_position + 1
                returning last_position)
            insert into api_account_event (account_id, position, event_key, type, data, created_at, block_number,
                                           block_hash)
            select :accountId, last_position, :key, :type, :data, :createdAt, :blockNumber, :blockHash from counter
            on conflict (account_id, event_key) do nothing returning position""")
    List<Long> append(UUID accountId, String key, String type, String data, Instant createdAt, @Nullable Long blockNumber,
            @Nullable String blockHash);

    /** The events, of every account, that stand for blocks above {@code blockNumber}; by id, after {@code afterId}. */
    @Query("""
            select id, position, account_id, type, block_number, block_hash from api_account_event
            where block_hash is not null and block_number > :blockNumber and id > :afterId order by id limit :limit""")
    List<BlockEvent> fromBlocksAbove(long blockNumber, long afterId, int limit);

    /**
     * The event gives up its key and its block, so that the block, should it come back, is projected anew. Its key
     * becomes {@code <key><marker><id>}.
     */
    @Query("""
            update api_account_event set event_key = event_key || :marker || id, block_hash = null
            where id = :id and block_hash = :blockHash""")
    void detachFromBlock(long id, String blockHash, String marker);

    /** The account's events after position {@code afterPosition}, oldest first. */
    @Query("""
            select position as id, account_id, type, data, created_at from api_account_event
            where account_id = :accountId and position > :afterPosition order by position limit :limit""")
    List<AccountEvent> after(UUID accountId, long afterPosition, int limit);

    /** The position of the account's newest event, or 0. */
    @Query("select coalesce(max(position), 0) from api_account_event where account_id = :accountId")
    long latestPosition(UUID accountId);
}
