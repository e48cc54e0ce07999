package io.cadenza.api.royalties;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** What royalties read of a master ({@code catalog_master}), with whether an ISRC dispute of it is open. */
@MappedEntity("catalog_master")
record CatalogMasterRow(@Id UUID id, UUID artistId, String title, String isrc, int royaltyShareBps, String status,
        boolean disputed) {}
