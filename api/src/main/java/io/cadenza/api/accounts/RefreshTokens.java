package io.cadenza.api.accounts;

import io.cadenza.api.database.Statements;
import io.cadenza.chain.database.CurrentTransaction;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Opaque, revocable refresh tokens. Only their SHA-256 is stored. Each use rotates the token; presenting a token that
 * was already rotated or revoked means a copy leaked, so its whole family (every token descended from the same login)
 * is revoked.
 */
@Singleton
public class RefreshTokens {
    public static final String PREFIX = "rt_";
    private static final int TOKEN_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("rt_[A-Za-z0-9_-]{43}");

    private final CurrentTransaction transaction;
    private final Statements sql;
    private final RevokedSessions revokedSessions;
    private final SecureRandom random = new SecureRandom();

    /** Rotation spans statements in one transaction, so it takes connections itself; the rest goes through sql. */
    public RefreshTokens(CurrentTransaction transaction, Statements sql, RevokedSessions revokedSessions) {
        this.transaction = transaction;
        this.sql = sql;
        this.revokedSessions = revokedSessions;
    }

    /** A refresh token, the account it belongs to, and its family: the login it descends from. */
    public record Issued(String token, UUID accountId, UUID familyId, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[accountId=" + accountId + ", familyId=" + familyId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** Starts a new family, at login. */
    public Issued issue(UUID accountId, Duration lifetime, Clock clock) {
        try {
            return transaction.write(connection -> insert(connection, accountId, UUID.randomUUID(), lifetime,
                    clock.instant()));
        } catch (SQLException e) {
            throw new IllegalStateException("could not store a refresh token", e);
        }
    }

    /** Exchanges a valid token for its successor; empty when the token is unknown, expired, rotated or revoked. */
    public Optional<Issued> rotate(String token, Duration lifetime, Clock clock) {
        if (!FORMAT.matcher(token).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Rotation rotation;
        try {
            rotation = transaction.write(connection -> rotate(connection, token, lifetime, now));
        } catch (SQLException e) {
            throw new IllegalStateException("could not rotate a refresh token", e);
        }
        if (rotation.reusedFamily() != null) {
            revokedSessions.revoke(List.of(rotation.reusedFamily()));
        }
        return Optional.ofNullable(rotation.next());
    }

    /** What a rotation did: the successor, or the family it revoked because a used token came back. */
    private record Rotation(Issued next, UUID reusedFamily) {}

    private Rotation rotate(Connection connection, String token, Duration lifetime, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select account_id, family_id, expires_at,"
                + " rotated_at is not null or revoked_at is not null from account_refresh_token"
                + " where token_hash = ? for update")) {
            select.setBytes(1, sha256(token));
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return new Rotation(null, null);
                }
                UUID accountId = row.getObject(1, UUID.class);
                UUID familyId = row.getObject(2, UUID.class);
                if (row.getBoolean(4)) {
                    revokeFamily(connection, familyId, now);
                    return new Rotation(null, familyId);
                }
                if (!row.getTimestamp(3).toInstant().isAfter(now)) {
                    return new Rotation(null, null);
                }
                try (PreparedStatement rotated = connection.prepareStatement(
                        "update account_refresh_token set rotated_at = ? where token_hash = ?")) {
                    rotated.setTimestamp(1, Timestamp.from(now));
                    rotated.setBytes(2, sha256(token));
                    rotated.executeUpdate();
                }
                return new Rotation(insert(connection, accountId, familyId, lifetime, now), null);
            }
        }
    }

    /**
     * Ends the login the token belongs to (logout), its access tokens included. Unknown tokens are ignored: logging
     * out twice is not an error.
     */
    public void revoke(String token, Clock clock) {
        if (!FORMAT.matcher(token).matches()) {
            return;
        }
        Optional<UUID> family = sql.one("select family_id from account_refresh_token where token_hash = ?",
                select -> select.setBytes(1, sha256(token)), row -> row.getObject(1, UUID.class));
        if (family.isEmpty()) {
            return;
        }
        sql.update("update account_refresh_token set revoked_at = ? where revoked_at is null and family_id = ?",
                update -> {
                    update.setTimestamp(1, Timestamp.from(clock.instant()));
                    update.setObject(2, family.get());
                });
        revokedSessions.revoke(List.of(family.get()));
    }

    /** Ends every login of the account, access tokens included; answers how many logins were still open. */
    public int revokeAll(UUID accountId, Clock clock) {
        // Every login that issued a token recently enough for an access token of it to be alive, whether or not
        // its refresh tokens are still open.
        List<UUID> families = sql.list("select distinct family_id from account_refresh_token where account_id = ?"
                + " and issued_at > ?", select -> {
                    select.setObject(1, accountId);
                    select.setTimestamp(2, Timestamp.from(clock.instant().minus(revokedSessions.window())));
                }, row -> row.getObject(1, UUID.class));
        int open = sql.update("update account_refresh_token set revoked_at = ? where revoked_at is null"
                + " and account_id = ?", update -> {
                    update.setTimestamp(1, Timestamp.from(clock.instant()));
                    update.setObject(2, accountId);
                });
        revokedSessions.revoke(families);
        return open;
    }

    private Issued insert(Connection connection, UUID accountId, UUID familyId, Duration lifetime, Instant now)
            throws SQLException {
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = now.plus(lifetime);
        try (PreparedStatement insert = connection.prepareStatement("insert into account_refresh_token"
                + " (token_hash, account_id, family_id, issued_at, expires_at) values (?, ?, ?, ?, ?)")) {
            insert.setBytes(1, sha256(token));
            insert.setObject(2, accountId);
            insert.setObject(3, familyId);
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setTimestamp(5, Timestamp.from(expiresAt));
            insert.executeUpdate();
        }
        return new Issued(token, accountId, familyId, expiresAt);
    }

    private static void revokeFamily(Connection connection, UUID familyId, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update account_refresh_token"
                + " set revoked_at = ? where family_id = ? and revoked_at is null")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setObject(2, familyId);
            update.executeUpdate();
        }
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
