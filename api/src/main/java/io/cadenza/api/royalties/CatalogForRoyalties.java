package io.cadenza.api.royalties;

import io.cadenza.jobs.statements.RoyaltyCatalog;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The API's catalog, as the jobs module's royalty statements see it. */
@Singleton
public class CatalogForRoyalties implements RoyaltyCatalog {
    private final RoyaltyCatalogQueries queries;

    public CatalogForRoyalties(RoyaltyCatalogQueries queries) {
        this.queries = queries;
    }

    @Override
    public List<CatalogMaster> mastersWithIsrc(Collection<String> isrcs) {
        if (isrcs.isEmpty()) {
            return List.of();
        }
        return queries.withIsrcs(isrcs).stream().map(CatalogForRoyalties::master).toList();
    }

    @Override
    public Optional<CatalogMaster> master(UUID id) {
        return queries.master(id).map(CatalogForRoyalties::master);
    }

    @Override
    public List<CatalogOffering> offeringsOf(UUID masterId) {
        return queries.offeringsOf(masterId).stream().map(row -> new CatalogOffering(row.id(), row.masterId(),
                row.sharesAddress().toLowerCase(Locale.ROOT), row.payoutToken().toLowerCase(Locale.ROOT),
                row.totalShares(), row.createdAt())).toList();
    }

    private static CatalogMaster master(CatalogMasterRow row) {
        Standing standing = switch (row.status()) {
            case "REGISTERED" -> row.disputed() ? Standing.DISPUTED : Standing.REGISTERED;
            case "VOIDING" -> Standing.DISPUTED;
            case "VOIDED" -> Standing.VOIDED;
            default -> Standing.UNREGISTERED;
        };
        return new CatalogMaster(row.id(), row.isrc(), row.artistId(), row.title(), row.royaltyShareBps(), standing);
    }
}
