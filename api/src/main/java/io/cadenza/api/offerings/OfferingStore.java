package io.cadenza.api.offerings;

import io.cadenza.api.database.Statements;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Offerings in {@code catalog_offering}; status changes are compare-and-set. */
@Singleton
public class OfferingStore {
    private static final String COLUMNS = "id, master_id, name, symbol, total_shares, price_per_share, payout_token,"
            + " payment_token, sale_starts_at, sale_ends_at, transfers_restricted, status, failure_reason,"
            + " creation_key, shares_address, sale_address, created_at, updated_at";

    private final Statements sql;

    public OfferingStore(Statements sql) {
        this.sql = sql;
    }

    public void insert(Offering offering) {
        sql.update("insert into catalog_offering (" + COLUMNS + ", next_check_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())", insert -> {
                    insert.setObject(1, offering.id());
                    insert.setObject(2, offering.masterId());
                    insert.setString(3, offering.name());
                    insert.setString(4, offering.symbol());
                    insert.setLong(5, offering.totalShares());
                    insert.setBigDecimal(6, new BigDecimal(offering.pricePerShare()));
                    insert.setString(7, offering.payoutToken());
                    insert.setString(8, offering.paymentToken());
                    insert.setTimestamp(9, Timestamp.from(offering.saleStartsAt()));
                    insert.setTimestamp(10, Timestamp.from(offering.saleEndsAt()));
                    insert.setBoolean(11, offering.transfersRestricted());
                    insert.setString(12, offering.status().name());
                    insert.setString(13, offering.failureReason());
                    insert.setString(14, offering.creationKey());
                    insert.setString(15, offering.sharesAddress());
                    insert.setString(16, offering.saleAddress());
                    insert.setTimestamp(17, Timestamp.from(offering.createdAt()));
                    insert.setTimestamp(18, Timestamp.from(offering.updatedAt()));
                });
    }

    public Optional<Offering> find(UUID id) {
        return sql.one("select " + COLUMNS + " from catalog_offering where id = ?", select -> select.setObject(1, id),
                OfferingStore::read);
    }

    /** The catalog's offerings by share token address (lower-case), for the given addresses. */
    public Map<String, Offering> bySharesAddress(List<String> sharesAddresses) {
        if (sharesAddresses.isEmpty()) {
            return Map.of();
        }
        Map<String, Offering> offerings = new HashMap<>();
        sql.list("select " + COLUMNS + " from catalog_offering where shares_address = any (?)",
                select -> select.setArray(1, select.getConnection().createArrayOf("text", sharesAddresses.toArray())),
                OfferingStore::read).forEach(offering -> offerings.put(offering.sharesAddress(), offering));
        return offerings;
    }

    /** The offering whose share token or sale is at {@code address} (lower-case). */
    public Optional<Offering> findByContract(String address) {
        return sql.one("select " + COLUMNS + " from catalog_offering where shares_address = ? or sale_address = ?",
                select -> {
                    select.setString(1, address);
                    select.setString(2, address);
                }, OfferingStore::read);
    }

    /** Offerings of a master, newest first. */
    public List<Offering> byMaster(UUID masterId, int limit) {
        return sql.list("select " + COLUMNS + " from catalog_offering where master_id = ?"
                + " order by created_at desc, id desc limit ?", select -> {
                    select.setObject(1, masterId);
                    select.setInt(2, limit);
                }, OfferingStore::read);
    }

    /** Offerings open to investors (LIVE), newest first, after the given one when it is given. */
    public List<Offering> live(@Nullable Offering after, int limit) {
        return sql.list("select " + COLUMNS + " from catalog_offering where status = 'LIVE'"
                + (after == null ? "" : " and (created_at, id) < (?, ?)") + " order by created_at desc, id desc limit ?",
                select -> {
                    int index = 1;
                    if (after != null) {
                        select.setTimestamp(index++, Timestamp.from(after.createdAt()));
                        select.setObject(index++, after.id());
                    }
                    select.setInt(index, limit);
                }, OfferingStore::read);
    }

    /**
     * Claims up to {@code limit} offerings whose next check is due, most overdue first, and leases them for
     * {@code lease}: another instance skips them until then, and a pass that dies leaves them to be claimed again.
     */
    public List<Offering> claimDue(int limit, Duration lease) {
        return sql.list("update catalog_offering set next_check_at = now() + make_interval(secs => ?) where id in ("
                + " select id from catalog_offering where next_check_at <= now() order by next_check_at limit ?"
                + " for update skip locked) returning " + COLUMNS, select -> {
                    select.setDouble(1, lease.toMillis() / 1000.0);
                    select.setInt(2, limit);
                }, OfferingStore::read);
    }

    /** When the progress pass looks at the offering again; nothing for an offering that has stopped moving. */
    public void scheduleCheck(UUID id, Instant at) {
        sql.update("update catalog_offering set next_check_at = ? where id = ? and next_check_at is not null",
                update -> {
                    update.setTimestamp(1, Timestamp.from(at));
                    update.setObject(2, id);
                });
    }

    public boolean transition(Offering next, OfferingStatus from) {
        return sql.update("update catalog_offering set status = ?, failure_reason = ?, shares_address = ?,"
                + " sale_address = ?, updated_at = ?,"
                + " next_check_at = case when ? then null else coalesce(next_check_at, now()) end"
                + " where id = ? and status = ?", update -> {
                    update.setString(1, next.status().name());
                    update.setString(2, next.failureReason());
                    update.setString(3, next.sharesAddress());
                    update.setString(4, next.saleAddress());
                    update.setTimestamp(5, Timestamp.from(next.updatedAt()));
                    update.setBoolean(6, next.status().hasStopped());
                    update.setObject(7, next.id());
                    update.setString(8, from.name());
                }) == 1;
    }

    private static Offering read(ResultSet row) throws SQLException {
        return new Offering(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3),
                row.getString(4), row.getLong(5), row.getBigDecimal(6).toBigIntegerExact(), row.getString(7),
                row.getString(8), row.getTimestamp(9).toInstant(), row.getTimestamp(10).toInstant(),
                row.getBoolean(11), OfferingStatus.valueOf(row.getString(12)), row.getString(13), row.getString(14),
                row.getString(15), row.getString(16), row.getTimestamp(17).toInstant(),
                row.getTimestamp(18).toInstant());
    }
}
