package io.cadenza.api.events;

import io.cadenza.api.database.MigratedSchema;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
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

    private final DataSource dataSource;
    private final StatefulRedisConnection<String, String> redis;
    private final JsonMapper json;
    private final Clock clock;

    public AccountEvents(DataSource dataSource, StatefulRedisConnection<String, String> redis, JsonMapper json,
            Clock clock, MigratedSchema schema) {
        this.dataSource = dataSource;
        this.redis = redis;
        this.json = json;
        this.clock = clock;
    }

    /** Appends the event unless one with the key exists; answers whether it was new. */
    public boolean append(UUID accountId, String key, String type, Map<String, Object> data) {
        boolean added;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into api_account_event"
                        + " (account_id, event_key, type, data, created_at) values (?, ?, ?, ?, ?)"
                        + " on conflict (account_id, event_key) do nothing")) {
            insert.setObject(1, accountId);
            insert.setString(2, key);
            insert.setString(3, type);
            insert.setString(4, json.writeValueAsString(data));
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            added = insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store an account event", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (added) {
            announce(accountId);
        }
        return added;
    }

    /** The account's events after {@code afterId}, oldest first. */
    public List<AccountEvent> after(UUID accountId, long afterId, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select id, type, data, created_at"
                        + " from api_account_event where account_id = ? and id > ? order by id limit ?")) {
            select.setObject(1, accountId);
            select.setLong(2, afterId);
            select.setInt(3, limit);
            List<AccountEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new AccountEvent(rows.getLong(1), accountId, rows.getString(2), rows.getString(3),
                            rows.getTimestamp(4).toInstant()));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read account events", e);
        }
    }

    /** The position of the account's newest event, or 0: where a stream without Last-Event-ID starts. */
    public long latestId(UUID accountId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select coalesce(max(id), 0) from api_account_event where account_id = ?")) {
            select.setObject(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read account events", e);
        }
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
