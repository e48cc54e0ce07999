package io.cadenza.api.royalties;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The catalog's masters and offerings as royalty statements need them. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RoyaltyCatalogQueries extends GenericRepository<CatalogMasterRow, UUID> {
    String MASTER_COLUMNS = """
            m.id, m.artist_id, m.title, m.isrc, m.royalty_share_bps, m.status,
            exists (select 1 from catalog_isrc_dispute d where d.master_id = m.id and d.status = 'OPEN') as disputed""";

    @Query("select " + MASTER_COLUMNS + " from catalog_master m where m.isrc in (:isrcs)")
    List<CatalogMasterRow> withIsrcs(Collection<String> isrcs);

    @Query("select " + MASTER_COLUMNS + " from catalog_master m where m.id = :id")
    Optional<CatalogMasterRow> master(UUID id);

    /** Offerings whose share token exists on chain (live or closed), oldest first. */
    @Query("""
            select id, master_id, shares_address, payout_token, total_shares, created_at from catalog_offering
            where master_id = :masterId and shares_address is not null and status in ('LIVE', 'CLOSED')
            order by created_at, id""")
    List<CatalogOfferingRow> offeringsOf(UUID masterId);
}
