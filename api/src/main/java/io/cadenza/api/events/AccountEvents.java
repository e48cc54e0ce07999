package io.cadenza.api.events;

import io.cadenza.api.events.AccountEventStore.BlockEvent;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
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


    private final AccountEventStore store;
    private final StatefulRedisConnection<String, String> redis;
    private final JsonMapper json;
    private final Clock clock;

    public AccountEvents(AccountEventStore store, StatefulRedisConnection<String, String> redis, JsonMapper json,
            Clock clock) {
        this.store = store;
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
        boolean added = store.append(accountId, key, type, json, clock.instant(),
                block == null ? null : block.number(), block == null ? null : block.hash()).size() == 1;
        if (added) {
            announce(accountId);
        }
        return added;
    }

    /** The events, of every account, that stand for blocks above {@code blockNumber}; by id, after {@code afterId}. */
    public List<BlockEvent> fromBlocksAbove(long blockNumber, long afterId, int limit) {
        return store.fromBlocksAbove(blockNumber, afterId, limit);
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
        store.detachFromBlock(event.id(), event.blockHash(), ":retracted:");
        return told;
    }

    /** The account's events after position {@code afterId}, oldest first. */
    public List<AccountEvent> after(UUID accountId, long afterId, int limit) {
        return store.after(accountId, afterId, limit);
    }

    /** The position of the account's newest event, or 0: where a stream without Last-Event-ID starts. */
    public long latestId(UUID accountId) {
        return store.latestPosition(accountId);
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
