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

    /** A stored event that stands for a block. */
    public record BlockEvent(long id, UUID accountId, String type, SourceBlock block) {}

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
        boolean added = sql.update("insert into api_account_event (account_id, event_key, type, data, created_at,"
                + " block_number, block_hash) values (?, ?, ?, ?, ?, ?, ?) on conflict (account_id, event_key) do nothing",
                insert -> {
                    insert.setObject(1, accountId);
                    insert.setString(2, key);
                    insert.setString(3, type);
                    insert.setString(4, json);
                    insert.setTimestamp(5, Timestamp.from(clock.instant()));
                    insert.setObject(6, block == null ? null : block.number(), Types.BIGINT);
                    insert.setString(7, block == null ? null : block.hash());
                }) == 1;
        if (added) {
            announce(accountId);
        }
        return added;
    }

    /** The events, of every account, that stand for blocks above {@code blockNumber}; by id, after {@code afterId}. */
    public List<BlockEvent> fromBlocksAbove(long blockNumber, long afterId, int limit) {
        return sql.list("select id, account_id, type, block_number, block_hash from api_account_event"
                + " where block_hash is not null and block_number > ? and id > ? order by id limit ?", select -> {
                    select.setLong(1, blockNumber);
                    select.setLong(2, afterId);
                    select.setInt(3, limit);
                }, row -> new BlockEvent(row.getLong(1), row.getObject(2, UUID.class), row.getString(3),
                        new SourceBlock(row.getLong(4), row.getString(5))));
    }

    /**
     * Tells the event's account that it no longer holds (its block was reorged away), once: an
     * {@code event.retracted} naming it. The event keeps its position but gives up its key, so that should the
     * block come back, projecting it again appends it anew.
     */
    public boolean retract(BlockEvent event, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("eventId", event.id());
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

    /** The account's events after {@code afterId}, oldest first. */
    public List<AccountEvent> after(UUID accountId, long afterId, int limit) {
        return sql.list("select id, type, data, created_at from api_account_event where account_id = ? and id > ?"
                + " order by id limit ?", select -> {
                    select.setObject(1, accountId);
                    select.setLong(2, afterId);
                    select.setInt(3, limit);
                }, row -> new AccountEvent(row.getLong(1), accountId, row.getString(2), row.getString(3),
                        row.getTimestamp(4).toInstant()));
    }

    /** The position of the account's newest event, or 0: where a stream without Last-Event-ID starts. */
    public long latestId(UUID accountId) {
        return sql.one("select coalesce(max(id), 0) from api_account_event where account_id = ?",
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
