package io.cadenza.jobs.statements;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Statements, their lines and approvals. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StatementStore extends GenericRepository<RoyaltyStatement, UUID> {

    RoyaltyStatement save(RoyaltyStatement statement);

    Optional<RoyaltyStatement> findById(UUID id);

    /** The statement, locked until the transaction ends: approvals and resolutions of one statement take turns. */
    @Query("select * from royalty_statement where id = :id for update")
    Optional<RoyaltyStatement> lock(UUID id);

    Optional<RoyaltyStatement> findByFileSha256(String fileSha256);

    @Query("update royalty_statement set status = :status, decided_at = :decidedAt where id = :id and status = 'RECORDED'")
    int decide(UUID id, StatementStatus status, Instant decidedAt);

    /** Newest first, before the cursor (recorded_at, id). */
    @Query("""
            select * from royalty_statement where (recorded_at, id) < (:recordedAt, :id)
            order by recorded_at desc, id desc limit :limit""")
    List<RoyaltyStatement> page(Instant recordedAt, UUID id, int limit);

    @Query("insert into royalty_statement_approval (statement_id, admin_id, approved_at) values (:statementId, :adminId,"
            + " :approvedAt) on conflict do nothing")
    void approve(UUID statementId, UUID adminId, Instant approvedAt);

    /** Distinct admins who approved, besides the one who recorded it. */
    @Query("""
            select a.admin_id from royalty_statement_approval a join royalty_statement s on s.id = a.statement_id
            where a.statement_id = :statementId and a.admin_id <> s.recorded_by order by a.approved_at""")
    List<UUID> approvers(UUID statementId);

    /** A line changed after approvals were given: they approved other content, and are given again. */
    @Query("delete from royalty_statement_approval where statement_id = :statementId")
    void withdrawApprovals(UUID statementId);
}
