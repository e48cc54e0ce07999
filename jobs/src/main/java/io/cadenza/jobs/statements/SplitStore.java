package io.cadenza.jobs.statements;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** The splits of approved statements. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SplitStore extends GenericRepository<RoyaltySplit, Long> {

    RoyaltySplit save(RoyaltySplit split);

    List<RoyaltySplit> findByStatementIdOrderByLedgerEntryId(UUID statementId);

    /** An artist's, newest first, below the cursor (the ledger entry's id, which grows with time). */
    @Query("""
            select p.ledger_entry_id, p.statement_id, s.source, s.period_start, s.period_end, s.decided_at as approved_at,
                   p.master_id, p.currency, p.gross_minor, p.exchange_rate, p.payout_token, p.payout_units,
                   p.royalty_share_bps, p.holder_units, p.artist_units
            from royalty_split p join royalty_statement s on s.id = p.statement_id
            where p.artist_id = :artistId and p.ledger_entry_id < :beforeEntryId
            order by p.ledger_entry_id desc limit :limit""")
    List<ArtistRoyalty> ofArtist(UUID artistId, long beforeEntryId, int limit);
}
