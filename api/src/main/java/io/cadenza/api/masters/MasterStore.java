package io.cadenza.api.masters;

import io.cadenza.api.database.Statements;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Masters in {@code catalog_master}. Status changes are compare-and-set, so that instances never undo each other. */
@Singleton
public class MasterStore {
    private static final String COLUMNS = "id, artist_id, artist_wallet, title, artist_name, isrc, release_date,"
            + " royalty_share_bps, status, failed_step, failure_reason, audio_cid, audio_bytes, audio_media_type,"
            + " duration_ms, cover_cid, cover_bytes, cover_media_type, metadata_cid, metadata_bytes,"
            + " registration_attempt, registration_key, token_id, created_at, updated_at";

    private final Statements sql;

    public MasterStore(Statements sql) {
        this.sql = sql;
    }

    /** Thrown when a master with the ISRC exists. */
    public static final class IsrcTakenException extends RuntimeException {
        IsrcTakenException() {
            super("a master with this ISRC exists");
        }
    }

    public void insert(Master master) {
        try {
            sql.update("insert into catalog_master (" + COLUMNS + ", next_check_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())", insert -> {
                        insert.setObject(1, master.id());
                        insert.setObject(2, master.artistId());
                        insert.setString(3, master.artistWallet());
                        insert.setString(4, master.title());
                        insert.setString(5, master.artistName());
                        insert.setString(6, master.isrc());
                        insert.setDate(7, Date.valueOf(master.releaseDate()));
                        insert.setInt(8, master.royaltyShareBps());
                        insert.setString(9, master.status().name());
                        insert.setString(10, master.failedStep() == null ? null : master.failedStep().name());
                        insert.setString(11, master.failureReason());
                        insert.setString(12, master.audio().cid());
                        insert.setLong(13, master.audio().bytes());
                        insert.setString(14, master.audio().mediaType());
                        insert.setObject(15, master.audio().durationMs(), Types.BIGINT);
                        StoredFile cover = master.cover();
                        insert.setString(16, cover == null ? null : cover.cid());
                        insert.setObject(17, cover == null ? null : cover.bytes(), Types.BIGINT);
                        insert.setString(18, cover == null ? null : cover.mediaType());
                        insert.setString(19, master.metadata().cid());
                        insert.setLong(20, master.metadata().bytes());
                        insert.setInt(21, master.registrationAttempt());
                        insert.setString(22, master.registrationKey());
                        insert.setBigDecimal(23, master.tokenId() == null ? null : new BigDecimal(master.tokenId()));
                        insert.setTimestamp(24, Timestamp.from(master.createdAt()));
                        insert.setTimestamp(25, Timestamp.from(master.updatedAt()));
                    });
        } catch (Statements.StatementFailedException e) {
            if (e.isUniqueViolation()) {
                throw new IsrcTakenException();
            }
            throw e;
        }
    }

    public Optional<Master> find(UUID id) {
        return sql.one("select " + COLUMNS + " from catalog_master where id = ?", select -> select.setObject(1, id),
                MasterStore::read);
    }

    /** An artist's masters, newest first, after the cursor's master (exclusive) when one is given. */
    public List<Master> listByArtist(UUID artistId, @Nullable Master after, int limit) {
        return sql.list("select " + COLUMNS + " from catalog_master where artist_id = ?"
                + (after == null ? "" : " and (created_at, id) < (?, ?)") + " order by created_at desc, id desc limit ?",
                select -> {
                    int index = 1;
                    select.setObject(index++, artistId);
                    if (after != null) {
                        select.setTimestamp(index++, Timestamp.from(after.createdAt()));
                        select.setObject(index++, after.id());
                    }
                    select.setInt(index, limit);
                }, MasterStore::read);
    }

    /**
     * Claims up to {@code limit} masters whose next check is due, most overdue first, and leases them for
     * {@code lease}: another instance skips them until then, and a pass that dies leaves them to be claimed again.
     */
    public List<Master> claimDue(int limit, Duration lease) {
        return sql.list("update catalog_master set next_check_at = now() + make_interval(secs => ?) where id in ("
                + " select id from catalog_master where next_check_at <= now() order by next_check_at limit ?"
                + " for update skip locked) returning " + COLUMNS, select -> {
                    select.setDouble(1, lease.toMillis() / 1000.0);
                    select.setInt(2, limit);
                }, MasterStore::read);
    }

    /** When the progress pass looks at the master again; nothing for a master that has stopped moving. */
    public void scheduleCheck(UUID id, Instant at) {
        sql.update("update catalog_master set next_check_at = ? where id = ? and next_check_at is not null", update -> {
            update.setTimestamp(1, Timestamp.from(at));
            update.setObject(2, id);
        });
    }

    /** Moves the master from {@code from} to {@code next}'s state; false when it was no longer in {@code from}. */
    public boolean transition(Master next, MasterStatus from, int attemptFrom) {
        return sql.update("update catalog_master set status = ?, failed_step = ?, failure_reason = ?,"
                + " registration_attempt = ?, registration_key = ?, token_id = ?, updated_at = ?,"
                + " next_check_at = case when ? then null else coalesce(next_check_at, now()) end"
                + " where id = ? and status = ? and registration_attempt = ?", update -> {
                    update.setString(1, next.status().name());
                    update.setString(2, next.failedStep() == null ? null : next.failedStep().name());
                    update.setString(3, next.failureReason());
                    update.setInt(4, next.registrationAttempt());
                    update.setString(5, next.registrationKey());
                    update.setBigDecimal(6, next.tokenId() == null ? null : new BigDecimal(next.tokenId()));
                    update.setTimestamp(7, Timestamp.from(next.updatedAt()));
                    update.setBoolean(8, next.status().hasStopped());
                    update.setObject(9, next.id());
                    update.setString(10, from.name());
                    update.setInt(11, attemptFrom);
                }) == 1;
    }

    private static Master read(ResultSet row) throws SQLException {
        String failedStep = row.getString(10);
        String coverCid = row.getString(16);
        StoredFile cover = coverCid == null ? null
                : new StoredFile(coverCid, row.getLong(17), row.getString(18), null);
        BigDecimal tokenId = row.getBigDecimal(23);
        return new Master(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                row.getString(4), row.getString(5), row.getString(6), row.getDate(7).toLocalDate(), row.getInt(8),
                MasterStatus.valueOf(row.getString(9)),
                failedStep == null ? null : MasterStatus.Step.valueOf(failedStep), row.getString(11),
                new StoredFile(row.getString(12), row.getLong(13), row.getString(14), row.getObject(15, Long.class)),
                cover, new StoredFile(row.getString(19), row.getLong(20), StoredFile.METADATA_MEDIA_TYPE, null),
                row.getInt(21), row.getString(22), tokenId == null ? null : tokenId.toBigIntegerExact(),
                row.getTimestamp(24).toInstant(), row.getTimestamp(25).toInstant());
    }

    /** The files of every master (audio, cover, metadata), whatever its status: what the block store must keep. */
    public List<StoredFile> allFiles() {
        return sql.list("select audio_cid, audio_bytes, audio_media_type, cover_cid, cover_bytes, cover_media_type,"
                + " metadata_cid, metadata_bytes from catalog_master", select -> {}, row -> {
                    List<StoredFile> files = new ArrayList<>(3);
                    files.add(new StoredFile(row.getString(1), row.getLong(2), row.getString(3), null));
                    if (row.getString(4) != null) {
                        files.add(new StoredFile(row.getString(4), row.getLong(5), row.getString(6), null));
                    }
                    files.add(new StoredFile(row.getString(7), row.getLong(8), StoredFile.METADATA_MEDIA_TYPE, null));
                    return files;
                }).stream().flatMap(List::stream).toList();
    }
}
