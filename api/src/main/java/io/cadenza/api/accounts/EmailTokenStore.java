package io.cadenza.api.accounts;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One-time link tokens ({@code account_email_token}), by the hash of the token. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EmailTokenStore extends GenericRepository<EmailToken, byte[]> {

    @Query("""
            insert into account_email_token (token_hash, account_id, purpose, email, issued_at, expires_at)
            values (:tokenHash, :accountId, :purpose, :email, :issuedAt, :expiresAt)""")
    void insert(byte[] tokenHash, UUID accountId, String purpose, String email, Instant issuedAt, Instant expiresAt);

    @Query("""
            select token_hash, account_id, purpose, email, issued_at, expires_at, used_at from account_email_token
            where token_hash = :tokenHash and purpose = :purpose and used_at is null and expires_at > :now""")
    Optional<EmailToken> usable(byte[] tokenHash, String purpose, Instant now);

    /** Uses the token if nobody did: 1 for the one caller that does, 0 for every other (and for a spent one). */
    @Query("""
            update account_email_token set used_at = :now
            where token_hash = :tokenHash and purpose = :purpose and used_at is null and expires_at > :now""")
    int use(byte[] tokenHash, String purpose, Instant now);

    /** Spends every open token of the account for {@code purpose}: a reset done makes the other reset links void. */
    @Query("""
            update account_email_token set used_at = :now
            where account_id = :accountId and purpose = :purpose and used_at is null""")
    int useAll(UUID accountId, String purpose, Instant now);
}
