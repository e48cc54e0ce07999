package io.cadenza.jobs.distributions;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Distributions, and their moves from one status to the next (each guarded by the status it leaves). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DistributionStore extends GenericRepository<Distribution, UUID> {

    Distribution save(Distribution distribution);

    Optional<Distribution> findById(UUID id);

    List<Distribution> findByStatementIdOrderByCreatedAt(UUID statementId);

    /** Open distributions, oldest first. */
    @Query("""
            select id from royalty_distribution where status in ('PLANNED', 'AWAITING_FUNDS', 'SUBMITTED')
            order by created_at, id limit :limit""")
    List<UUID> openIds(int limit);

    @Query("select * from royalty_distribution where status = 'SUBMITTED' and payout_token = :payoutToken")
    List<Distribution> submittedIn(String payoutToken);

    @Query("select * from royalty_distribution where id = :id for update")
    Optional<Distribution> lock(UUID id);

    @Query("""
            update royalty_distribution set status = :to, reason = :reason, updated_at = :now
            where id = :id and status = :from""")
    int move(UUID id, DistributionStatus from, DistributionStatus to, @Nullable String reason, Instant now);

    @Query("""
            update royalty_distribution set status = 'SUBMITTED', reason = null, updated_at = :now
            where id = :id and status in ('PLANNED', 'AWAITING_FUNDS')""")
    int submitted(UUID id, Instant now);

    @Query("""
            update royalty_distribution set status = 'CONFIRMED', reason = null, transaction_hash = :transactionHash,
            chain_distribution_id = :chainDistributionId, block_number = :blockNumber,
            units_assigned = :unitsAssigned, carried_change = :carriedChange, updated_at = :now
            where id = :id and status = 'SUBMITTED'""")
    int confirmed(UUID id, String transactionHash, BigInteger chainDistributionId, long blockNumber,
            BigInteger unitsAssigned, BigInteger carriedChange, Instant now);

    /** A FAILED distribution's next attempt, once: the caller names the attempt it saw fail. */
    @Query("""
            update royalty_distribution set status = 'PLANNED', attempt = attempt + 1, reason = null,
            transaction_hash = null, updated_at = :now where id = :id and status = 'FAILED' and attempt = :attempt""")
    int retry(UUID id, int attempt, Instant now);

    /** Newest first, before the cursor (created_at, id), in one status when given. */
    @Query("""
            select * from royalty_distribution where (created_at, id) < (:createdAt, :id)
            and (cast(:status as text) is null or status = :status)
            order by created_at desc, id desc limit :limit""")
    List<Distribution> page(@Nullable String status, Instant createdAt, UUID id, int limit);
}
