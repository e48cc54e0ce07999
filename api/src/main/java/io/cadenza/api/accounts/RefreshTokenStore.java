package io.cadenza.api.accounts;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens in {@code account_refresh_token}, by the SHA-256 of the token (the token itself is never stored). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RefreshTokenStore extends GenericRepository<RefreshTokenStore.StoredToken, byte[]> {

    /** A stored token: whose, of which login, until when, and whether it was already used up. */
    @Introspected
    record StoredToken(UUID accountId, UUID familyId, Instant expiresAt, boolean spent) {}

    @Query("""
            insert into account_refresh_token (token_hash, account_id, family_id, issued_at, expires_at)
            values (:tokenHash, :accountId, :familyId, :issuedAt, :expiresAt)""")
    void insert(byte[] tokenHash, UUID accountId, UUID familyId, Instant issuedAt, Instant expiresAt);

    /** The token, locked until the transaction ends: two rotations of one token are one after the other. */
    @Query("""
            select account_id, family_id, expires_at, rotated_at is not null or revoked_at is not null as spent
            from account_refresh_token where token_hash = :tokenHash for update""")
    Optional<StoredToken> lock(byte[] tokenHash);

    @Query("update account_refresh_token set rotated_at = :at where token_hash = :tokenHash")
    void markRotated(byte[] tokenHash, Instant at);

    @Query("select family_id from account_refresh_token where token_hash = :tokenHash")
    Optional<UUID> familyOf(byte[] tokenHash);

    @Query("update account_refresh_token set revoked_at = :at where family_id = :familyId and revoked_at is null")
    void revokeFamily(UUID familyId, Instant at);

    /** The logins of the account that issued a token since {@code since}. */
    @Query("select distinct family_id from account_refresh_token where account_id = :accountId and issued_at > :since")
    List<UUID> familiesIssuedSince(UUID accountId, Instant since);

    /** Revokes every open token of the account; answers how many were open. */
    @Query("update account_refresh_token set revoked_at = :at where account_id = :accountId and revoked_at is null")
    int revokeAll(UUID accountId, Instant at);

    /** Forgets tokens that expired before {@code before}, at most {@code limit}; answers how many. */
    @Query("""
            delete from account_refresh_token where ctid in (
                select ctid from account_refresh_token where expires_at < :before limit :limit)""")
    int deleteExpiredBefore(Instant before, int limit);
}
