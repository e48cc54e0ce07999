package io.cadenza.api.idempotency;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

/** The first answer to each Idempotency-Key per caller and route ({@code api_idempotency_key}). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface IdempotencyKeys extends GenericRepository<IdempotencyKeys.StoredKey, String> {

    /** What the first request with a key left: its fingerprint and, once done, its answer. */
    @Introspected
    record StoredKey(byte[] fingerprint, String state, @Nullable Integer responseStatus,
            @Nullable byte[] responseBody, @Nullable String location) {}

    /**
     * Marks the key as running under a lease held by {@code owner} until {@code leaseExpires}; answers 0 when it is
     * already known, unless its first request is still marked running with a lease that ran out before {@code now}
     * and the same fingerprint (its process died): then it is taken over.
     */
    @Query("""
            insert into api_idempotency_key (scope, idempotency_key, fingerprint, state, created_at, lease_owner,
                                             lease_expires_at)
            values (:scope, :key, :fingerprint, 'IN_PROGRESS', :now, :owner, :leaseExpires)
            on conflict (scope, idempotency_key) do update
            set lease_owner = excluded.lease_owner, lease_expires_at = excluded.lease_expires_at
            where api_idempotency_key.state = 'IN_PROGRESS'
              and (api_idempotency_key.lease_expires_at is null or api_idempotency_key.lease_expires_at < :now)
              and api_idempotency_key.fingerprint = excluded.fingerprint""")
    int claim(String scope, String key, byte[] fingerprint, Instant now, String owner, Instant leaseExpires);

    /** Extends every lease {@code owner} holds on a running request; answers how many. */
    @Query("""
            update api_idempotency_key set lease_expires_at = :leaseExpires
            where lease_owner = :owner and state = 'IN_PROGRESS'""")
    int renew(String owner, Instant leaseExpires);

    @Query("""
            select fingerprint, state, response_status, response_body, location
            from api_idempotency_key where scope = :scope and idempotency_key = :key""")
    Optional<StoredKey> find(String scope, String key);

    @Query("""
            update api_idempotency_key set state = 'DONE', response_status = :status, response_body = :body,
                                           location = :location, lease_owner = null, lease_expires_at = null
            where scope = :scope and idempotency_key = :key""")
    void complete(String scope, String key, int status, byte[] body, @Nullable String location);

    @Query("delete from api_idempotency_key where scope = :scope and idempotency_key = :key and state = 'IN_PROGRESS'")
    void release(String scope, String key);

    /** Forgets keys first used before {@code before}, at most {@code limit} of them; answers how many. */
    @Query("""
            delete from api_idempotency_key where ctid in (
                select ctid from api_idempotency_key where created_at < :before limit :limit)""")
    int deleteCreatedBefore(Instant before, int limit);
}
