package io.cadenza.chain.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

/** The audit log as admins read it: newest first, filtered, in pages below a sequence number. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditEntries extends GenericRepository<AuditEntry, Long> {

    @Query("""
            select seq, recorded_at, actor, action, target, request_id, client_address, before_state, after_state,
                   previous_hash, entry_hash
            from audit_entry
            where seq < :beforeSeq
              and (cast(:actor as text) is null or actor = :actor)
              and (cast(:action as text) is null or action = :action)
              and (cast(:target as text) is null or target = :target)
              and recorded_at >= :from and recorded_at < :until
            order by seq desc limit :limit""")
    List<AuditEntry> page(long beforeSeq, @Nullable String actor, @Nullable String action, @Nullable String target,
            Instant from, Instant until, int limit);
}
