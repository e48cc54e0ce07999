package io.cadenza.api.events;

import io.cadenza.api.database.Statements;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts' event streams: stored once per key, read back by position, and announced on Redis so that open streams
 * on every instance wake up. The announcement carries nothing but the account: streams read the events themselves.
 */
@Singleton
public class AccountEvents {

    public static final String CHANNEL_PREFIX = "cadenza:events:";
    /** The type of the event that withdraws an earlier one. */
    public static final String RETRACTED = "event.retracted";
    private static final Logger LOG = LoggerFactory.getLogger(AccountEvents.class);

    /** The block an event stands for. */
    public record SourceBlock(long number, String hash) {}

    /** A stored event that stands for a block: its row id, and its position in its account's stream. */
    public record BlockEvent(long id, long position, UUID accountId, String type, SourceBlock block) {}

    private final Statements sql;
    private final StatefulRedisConnection<String, String> redis;
    private final JsonMapper json;
    private final Clock clock;

    public AccountEvents(Statements sql, StatefulRedisConnection<String, String> redis, JsonMapper json,
            Clock clock) {
        this.sql = sql;
        this.redis = redis;
        this.json = json;
        this.clock = clock;
    }

    /** Appends the event unless one with the key exists; answers whether it was new. */
    public boolean append(UUID accountId, String key, String type, Map<String, Object> data) {
        return append(accountId, key, type, data, null);
    }

    /** Appends an event that stands for something in a block: a reorg orphaning the block retracts it. */
    public boolean append(UUID accountId, String key, String type, Map<String, Object> data,
            @Nullable SourceBlock block) {
        String json;
        try {
            json = this.json.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The counter's row stays locked until this transaction commits: the next writer for the account waits, so
        // positions commit in order. A key already stored takes a position all the same: streams skip the gap.
        boolean added = sql.update("with counter as (insert into api_account_event_counter (account_id, last_position)"
                + " values (?, 1) on conflict (account_id) do update"
                + " set last_position = api_account_event_counter.last_position + 1 returning last_position)"
                + " insert into api_account_event (account_id, position, event_key, type, data, created_at,"
                + " block_number, block_hash) select ?, last_position, ?, ?, ?, ?, ?, ? from counter"
                + " on conflict (account_id, event_key) do nothing",
                insert -> {
                    insert.setObject(1, accountId);
                    insert.setObject(2, accountId);
                    insert.setString(3, key);
                    insert.setString(4, type);
                    insert.setString(5, json);
                    insert.setTimestamp(6, Timestamp.from(clock.instant()));
                    insert.setObject(7, block == null ? null : block.number(), Types.BIGINT);
                    insert.setString(8, block == null ? null : block.hash());
                }) == 1;
        if (added) {
            announce(accountId);
        }
        return added;
    }

    /** The events, of every account, that stand for blocks above {@code blockNumber}; by id, after {@code afterId}. */
    public List<BlockEvent> fromBlocksAbove(long blockNumber, long afterId, int limit) {
        return sql.list("select id, position, account_id, type, block_number, block_hash from api_account_event"
                + " where block_hash is not null and block_number > ? and id > ? order by id limit ?", select -> {
                    select.setLong(1, blockNumber);
                    select.setLong(2, afterId);
                    select.setInt(3, limit);
                }, row -> new BlockEvent(row.getLong(1), row.getLong(2), row.getObject(3, UUID.class),
                        row.getString(4), new SourceBlock(row.getLong(5), row.getString(6))));
    }

    /**
     * Tells the event's account that it no longer holds (its block was reorged away), once: an
     * {@code event.retracted} naming it. The event keeps its position but gives up its key, so that should the
     * block come back, projecting it again appends it anew.
     */
    public boolean retract(BlockEvent event, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("eventId", event.position());
        data.put("type", event.type());
        data.put("blockNumber", event.block().number());
        data.put("blockHash", event.block().hash());
        data.put("reason", reason);
        // Retraction first, keyed by the event: a crash before the second step repeats nothing when retried.
        boolean told = append(event.accountId(), "retraction:" + event.id(), RETRACTED, data);
        sql.update("update api_account_event set event_key = event_key || ':retracted:' || id, block_hash = null"
                + " where id = ? and block_hash = ?", update -> {
                    update.setLong(1, event.id());
                    update.setString(2, event.block().hash());
                });
        return told;
    }

    /** The account's events after position {@code afterId}, oldest first. */
    public List<AccountEvent> after(UUID accountId, long afterId, int limit) {
        return sql.list("select position, type, data, created_at from api_account_event where account_id = ?"
                + " and position > ? order by position limit ?", select -> {
                    select.setObject(1, accountId);
                    select.setLong(2, afterId);
                    select.setInt(3, limit);
                }, row -> new AccountEvent(row.getLong(1), accountId, row.getString(2), row.getString(3),
                        row.getTimestamp(4).toInstant()));
    }

    /** The position of the account's newest event, or 0: where a stream without Last-Event-ID starts. */
    public long latestId(UUID accountId) {
        return sql.one("select coalesce(max(position), 0) from api_account_event where account_id = ?",
                select -> select.setObject(1, accountId), row -> row.getLong(1)).orElseThrow();
    }

    private void announce(UUID accountId) {
        try {
            redis.async().publish(CHANNEL_PREFIX + accountId, "");
        } catch (RuntimeException e) {
            // Streams also poll: a lost announcement delays an event, it does not lose it.
            LOG.warn("could not announce an event for account {}", accountId, e);
        }
    }
}
