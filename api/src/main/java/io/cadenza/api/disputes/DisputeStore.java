package io.cadenza.api.disputes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** ISRC disputes in {@code catalog_isrc_dispute}; a decision is compare-and-set on OPEN (or a retried void). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DisputeStore extends GenericRepository<io.cadenza.api.accounts.Account, UUID> {
    String COLUMNS = "id, isrc, master_id, claimant_id, holder_id, claim, status, decided_by, decision_reason,"
            + " created_at, decided_at";

    @Query("""
            insert into catalog_isrc_dispute (id, isrc, master_id, claimant_id, holder_id, claim, status, created_at)
            values (:id, :isrc, :masterId, :claimantId, :holderId, :claim, 'OPEN', :createdAt)""")
    void open(UUID id, String isrc, UUID masterId, UUID claimantId, UUID holderId, String claim, Instant createdAt);

    @Query("select " + COLUMNS + " from catalog_isrc_dispute where id = :id")
    Optional<IsrcDispute> find(UUID id);

    /** Disputes in {@code status}, oldest first, after the position given. */
    @Query("select " + COLUMNS + " from catalog_isrc_dispute where status = :status"
            + " and (created_at, id) > (:afterCreatedAt, :afterId) order by created_at, id limit :limit")
    List<IsrcDispute> byStatus(String status, Instant afterCreatedAt, UUID afterId, int limit);

    /** The disputes an account is a party to (as claimant or holder), newest first. */
    @Query("select " + COLUMNS + " from catalog_isrc_dispute where claimant_id = :accountId or holder_id = :accountId"
            + " order by created_at desc, id desc limit :limit")
    List<IsrcDispute> ofParty(UUID accountId, int limit);

    @Query("""
            update catalog_isrc_dispute set status = :status, decided_by = :decidedBy,
                decision_reason = :reason, decided_at = :decidedAt
            where id = :id and status = 'OPEN'""")
    int decide(UUID id, String status, UUID decidedBy, @Nullable String reason, Instant decidedAt);
}
