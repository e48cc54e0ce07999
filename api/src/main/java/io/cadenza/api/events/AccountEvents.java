package io.cadenza.api.events;

import io.cadenza.api.database.Statements;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
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
    private static final Logger LOG = LoggerFactory.getLogger(AccountEvents.class);

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
        String json;
        try {
            json = this.json.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean added = sql.update("insert into api_account_event (account_id, event_key, type, data, created_at)"
                + " values (?, ?, ?, ?, ?) on conflict (account_id, event_key) do nothing", insert -> {
                    insert.setObject(1, accountId);
                    insert.setString(2, key);
                    insert.setString(3, type);
                    insert.setString(4, json);
                    insert.setTimestamp(5, Timestamp.from(clock.instant()));
                }) == 1;
        if (added) {
            announce(accountId);
        }
        return added;
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
