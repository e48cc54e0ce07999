package io.cadenza.jobs.statements;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What royalty statements need of the catalog, which the API owns: masters by ISRC and by id, and their offerings.
 * Declared here, implemented by the API, so that this module never depends on it.
 */
public interface RoyaltyCatalog {

    /** Where a master stands, as far as its income is concerned. */
    enum Standing {
        /** Registered on chain, undisputed: income is matched to it. */
        REGISTERED,
        /** Registered, with an open dispute over its ISRC or being voided: whose income it is is in question. */
        DISPUTED,
        /** Its registration was voided: the ISRC was another's. */
        VOIDED,
        /** Not registered (yet, or its registration failed). */
        UNREGISTERED
    }

    record CatalogMaster(UUID id, String isrc, UUID artistId, String title, int royaltyShareBps, Standing standing) {}

    /** An offering of a master that exists on chain (created, live or closed), with its share token. */
    record CatalogOffering(UUID id, UUID masterId, String sharesToken, String payoutToken, long totalShares,
            Instant createdAt) {}

    /** Every master that holds or held one of the ISRCs (canonical, hyphenated), voided ones included. */
    List<CatalogMaster> mastersWithIsrc(Collection<String> isrcs);

    Optional<CatalogMaster> master(UUID id);

    /** The master's offerings on chain, oldest first. */
    List<CatalogOffering> offeringsOf(UUID masterId);
}
