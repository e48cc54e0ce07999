package io.cadenza.api.quotas;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.UUID;

/** What an account uses of its quotas, read from the catalog; and the lock that makes checking-and-using one step. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface QuotaUsage extends GenericRepository<io.cadenza.api.accounts.Account, UUID> {

    /** Held until the transaction ends: two uploads of one artist check and store one after the other. */
    @Query("select pg_advisory_xact_lock(hashtextextended('cadenza.quota:' || cast(:accountId as text), 0)) is null")
    boolean lockAccount(UUID accountId);

    @Query("select count(*) from catalog_master where artist_id = :artistId and created_at > :since")
    long mastersSince(UUID artistId, Instant since);

    /** The oldest of the artist's masters since {@code since}: when it leaves the window, one more fits. */
    @Query("select min(created_at) from catalog_master where artist_id = :artistId and created_at > :since")
    @Nullable
    Instant oldestMasterSince(UUID artistId, Instant since);

    @Query("""
            select coalesce(sum(audio_bytes + coalesce(cover_bytes, 0) + metadata_bytes), 0) from catalog_master
            where artist_id = :artistId""")
    long bytesStored(UUID artistId);

    @Query("""
            select count(*) from catalog_offering where master_id = :masterId and status in ('CREATING', 'LIVE')""")
    long openOfferings(UUID masterId);

    @Query("select open_offerings_max from catalog_master where id = :masterId")
    @Nullable
    Integer openOfferingsMax(UUID masterId);

    @Query("update catalog_master set open_offerings_max = :limit where id = :masterId")
    int setOpenOfferingsMax(UUID masterId, @Nullable Integer limit);
}
