package io.cadenza.chain.leadership;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A PostgreSQL session-level advisory lock named by text: whoever holds it leads (one sender per account, one indexer
 * per chain), and it goes away with the holder's session when a process dies.
 *
 * <p>A pooled connection outlives {@code close()}, and its session keeps the lock: the leader must
 * {@link #release(Connection)} explicitly before handing the connection back.
 */
public final class AdvisoryLock {
    private final String name;

    public AdvisoryLock(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    /** Takes the lock on {@code session} if nobody holds it; never waits. */
    public boolean tryAcquire(Connection session) throws SQLException {
        try (PreparedStatement lock = session.prepareStatement("select pg_try_advisory_lock(hashtextextended(?, 0))")) {
            lock.setString(1, name);
            try (ResultSet result = lock.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /** Gives the lock up; a broken session has already lost it, so failures are the caller's to log, not to act on. */
    public void release(Connection session) throws SQLException {
        try (PreparedStatement unlock = session.prepareStatement("select pg_advisory_unlock(hashtextextended(?, 0))")) {
            unlock.setString(1, name);
            unlock.execute();
        }
    }
}
