package io.cadenza.jobs.statements;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A statement's lines. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StatementLineStore extends GenericRepository<StatementLine, Long> {

    List<StatementLine> saveAll(Iterable<StatementLine> lines);

    StatementLine update(StatementLine line);

    @Query("select * from royalty_statement_line where statement_id = :statementId and line_no = :lineNo")
    Optional<StatementLine> find(UUID statementId, int lineNo);

    /** Lines after {@code afterLineNo}, in order. */
    @Query("""
            select * from royalty_statement_line where statement_id = :statementId and line_no > :afterLineNo
            order by line_no limit :limit""")
    List<StatementLine> page(UUID statementId, int afterLineNo, int limit);

    @Query("select * from royalty_statement_line where statement_id = :statementId and match in ('MATCHED', 'RESOLVED')"
            + " order by line_no")
    List<StatementLine> paid(UUID statementId);

    /** How many lines the statement has in each match state. */
    @Query("select match, count(*) as lines from royalty_statement_line where statement_id = :statementId"
            + " group by match")
    List<MatchCount> countsByMatch(UUID statementId);

    @io.micronaut.core.annotation.Introspected
    record MatchCount(LineMatch match, long lines) {}

    /** Lines in {@code match} after {@code afterLineNo}, in order. */
    @Query("""
            select * from royalty_statement_line where statement_id = :statementId and match = :match
            and line_no > :afterLineNo order by line_no limit :limit""")
    List<StatementLine> pageIn(UUID statementId, LineMatch match, int afterLineNo, int limit);

    @Query("select count(*) from royalty_statement_line where statement_id = :statementId"
            + " and match in ('UNMATCHED', 'AMBIGUOUS')")
    long openCount(UUID statementId);
}
