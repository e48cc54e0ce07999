package io.cadenza.api.masters;

import io.cadenza.chain.database.UniqueViolation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Masters in {@code catalog_master}; status changes are compare-and-set, an ISRC is one master's. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MasterStore extends GenericRepository<MasterRow, UUID> {
    String COLUMNS = "id, artist_id, artist_wallet, title, artist_name, isrc, release_date, royalty_share_bps,"
            + " status, failed_step, failure_reason, audio_cid, audio_bytes, audio_media_type, duration_ms,"
            + " cover_cid, cover_bytes, cover_media_type, metadata_cid, metadata_bytes, registration_attempt,"
            + " registration_key, token_id, created_at, updated_at";

    /** Thrown when another master has the ISRC. */
    final class IsrcTakenException extends RuntimeException {
        IsrcTakenException() {
            super("a master with this ISRC exists");
        }
    }

    /** Stores a new master, due for the progress pass at once; throws {@link IsrcTakenException} on a taken ISRC. */
    default void insert(Master master) {
        try {
            save(MasterRow.of(master));
        } catch (RuntimeException e) {
            if (UniqueViolation.causes(e)) {
                throw new IsrcTakenException();
            }
            throw e;
        }
    }

    MasterRow save(MasterRow row);

    default Optional<Master> find(UUID id) {
        return findById(id).map(MasterRow::master);
    }

    Optional<MasterRow> findById(UUID id);

    /** The masters with the given ids, in no order. */
    default List<Master> findByIds(List<UUID> ids) {
        return ids.isEmpty() ? List.of() : findByIdIn(ids).stream().map(MasterRow::master).toList();
    }

    List<MasterRow> findByIdIn(List<UUID> ids);

    /** An artist's masters, newest first, after the cursor's master (exclusive) when one is given. */
    default List<Master> listByArtist(UUID artistId, @Nullable Master after, int limit) {
        List<MasterRow> rows = after == null ? firstOfArtist(artistId, limit)
                : nextOfArtist(artistId, after.createdAt(), after.id(), limit);
        return rows.stream().map(MasterRow::master).toList();
    }

    @Query("select " + COLUMNS + " from catalog_master where artist_id = :artistId"
            + " order by created_at desc, id desc limit :limit")
    List<MasterRow> firstOfArtist(UUID artistId, int limit);

    @Query("select " + COLUMNS + " from catalog_master where artist_id = :artistId"
            + " and (created_at, id) < (:createdAt, :id) order by created_at desc, id desc limit :limit")
    List<MasterRow> nextOfArtist(UUID artistId, Instant createdAt, UUID id, int limit);

    /**
     * Claims up to {@code limit} masters whose next check is due, most overdue first, and leases them for
     * {@code lease}: another instance skips them until then, and a pass that dies leaves them to be claimed again.
     */
    default List<Master> claimDue(int limit, Duration lease) {
        return claimDue(limit, lease.toMillis() / 1000.0).stream().map(MasterRow::master).toList();
    }

    @Query("update catalog_master set next_check_at = now() + make_interval(secs => :leaseSeconds) where id in ("
            + " select id from catalog_master where next_check_at <= now() order by next_check_at limit :limit"
            + " for update skip locked) returning " + COLUMNS)
    List<MasterRow> claimDue(int limit, double leaseSeconds);

    /** When the progress pass looks at the master again; nothing for a master that has stopped moving. */
    @Query("update catalog_master set next_check_at = :at where id = :id and next_check_at is not null")
    void scheduleCheck(UUID id, Instant at);

    /** Moves the master from {@code from} to {@code next}'s state; false when it was no longer in {@code from}. */
    default boolean transition(Master next, MasterStatus from, int attemptFrom) {
        return transition(next.id(), from.name(), attemptFrom, next.status().name(),
                next.failedStep() == null ? null : next.failedStep().name(), next.failureReason(),
                next.registrationAttempt(), next.registrationKey(), next.tokenId(), next.updatedAt(),
                next.status().hasStopped()) == 1;
    }

    @Query("""
            update catalog_master set status = :status, failed_step = :failedStep, failure_reason = :failureReason,
                registration_attempt = :attempt, registration_key = :registrationKey, token_id = :tokenId,
                updated_at = :updatedAt,
                next_check_at = case when :stopped then null else coalesce(next_check_at, now()) end
            where id = :id and status = :from and registration_attempt = :attemptFrom""")
    int transition(UUID id, String from, int attemptFrom, String status, @Nullable String failedStep,
            @Nullable String failureReason, int attempt, @Nullable String registrationKey,
            @Nullable @TypeDef(type = DataType.BIGDECIMAL) BigInteger tokenId, Instant updatedAt, boolean stopped);

    /** The files of every master (audio, cover, metadata), whatever its status: what the block store must keep. */
    default List<StoredFile> allFiles() {
        List<StoredFile> files = new ArrayList<>();
        for (MasterRow row : all()) {
            Master master = row.master();
            files.add(new StoredFile(master.audio().cid(), master.audio().bytes(), master.audio().mediaType(), null));
            if (master.cover() != null) {
                files.add(master.cover());
            }
            files.add(master.metadata());
        }
        return files;
    }

    @Query("select " + COLUMNS + " from catalog_master")
    List<MasterRow> all();

    /** The master holding {@code isrc} (voided ones hold nothing). */
    default Optional<Master> findHolding(String isrc) {
        return findHoldingRow(isrc).map(MasterRow::master);
    }

    @Query("select " + COLUMNS + " from catalog_master where isrc = :isrc and status <> 'VOIDED'")
    Optional<MasterRow> findHoldingRow(String isrc);

    /** The artist's masters waiting for the artist's approval, due for the progress pass now. */
    @Query("update catalog_master set next_check_at = now() where artist_id = :artistId and status = 'AWAITING_APPROVAL'")
    void releaseAwaiting(UUID artistId);
}
