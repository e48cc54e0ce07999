package io.cadenza.api.offerings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Offerings in {@code catalog_offering}; status changes are compare-and-set. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OfferingStore extends GenericRepository<Offering, UUID> {
    String COLUMNS = "id, master_id, name, symbol, total_shares, price_per_share, payout_token, payment_token,"
            + " sale_starts_at, sale_ends_at, transfers_restricted, status, failure_reason, creation_key,"
            + " shares_address, sale_address, created_at, updated_at";

    /** Stores a new offering, due for the progress pass at once. */
    Offering save(Offering offering);

    default void insert(Offering offering) {
        save(offering);
    }

    default Optional<Offering> find(UUID id) {
        return findById(id);
    }

    Optional<Offering> findById(UUID id);

    /** The catalog's offerings by share token address (lower-case), for the given addresses. */
    default Map<String, Offering> bySharesAddress(List<String> sharesAddresses) {
        if (sharesAddresses.isEmpty()) {
            return Map.of();
        }
        Map<String, Offering> offerings = new HashMap<>();
        findBySharesAddressIn(sharesAddresses).forEach(offering -> offerings.put(offering.sharesAddress(), offering));
        return offerings;
    }

    List<Offering> findBySharesAddressIn(List<String> sharesAddresses);

    /** The offerings whose share token or sale is at one of {@code addresses} (lower-case). */
    @Query("select " + COLUMNS + " from catalog_offering where shares_address in (:addresses)"
            + " or sale_address in (:addresses)")
    List<Offering> findByContracts(List<String> addresses);

    /** Offerings of a master, newest first. */
    @Query("select " + COLUMNS + " from catalog_offering where master_id = :masterId"
            + " order by created_at desc, id desc limit :limit")
    List<Offering> byMaster(UUID masterId, int limit);

    /** The master's offerings being created or live. */
    @Query("select count(*) from catalog_offering where master_id = :masterId and status in ('CREATING', 'LIVE')")
    long openOfMaster(UUID masterId);

    /** Offerings open to investors (LIVE), newest first, after the given one when it is given. */
    default List<Offering> live(@Nullable Offering after, int limit) {
        return after == null ? liveFirst(limit) : liveAfter(after.createdAt(), after.id(), limit);
    }

    @Query("select " + COLUMNS + " from catalog_offering where status = 'LIVE'"
            + " order by created_at desc, id desc limit :limit")
    List<Offering> liveFirst(int limit);

    @Query("select " + COLUMNS + " from catalog_offering where status = 'LIVE'"
            + " and (created_at, id) < (:createdAt, :id) order by created_at desc, id desc limit :limit")
    List<Offering> liveAfter(Instant createdAt, UUID id, int limit);

    /**
     * Claims up to {@code limit} offerings whose next check is due, most overdue first, and leases them for
     * {@code lease}: another instance skips them until then, and a pass that dies leaves them to be claimed again.
     */
    default List<Offering> claimDue(int limit, Duration lease) {
        return claimDue(limit, lease.toMillis() / 1000.0);
    }

    @Query("update catalog_offering set next_check_at = now() + make_interval(secs => :leaseSeconds) where id in ("
            + " select id from catalog_offering where next_check_at <= now() order by next_check_at limit :limit"
            + " for update skip locked) returning " + COLUMNS)
    List<Offering> claimDue(int limit, double leaseSeconds);

    /** When the progress pass looks at the offering again; nothing for an offering that has stopped moving. */
    @Query("update catalog_offering set next_check_at = :at where id = :id and next_check_at is not null")
    void scheduleCheck(UUID id, Instant at);

    /** Moves the offering from {@code from} to {@code next}'s state; false when it was no longer in {@code from}. */
    default boolean transition(Offering next, OfferingStatus from) {
        return transition(next.id(), from.name(), next.status().name(), next.failureReason(), next.sharesAddress(),
                next.saleAddress(), next.updatedAt(), next.status().hasStopped()) == 1;
    }

    @Query("""
            update catalog_offering set status = :status, failure_reason = :failureReason,
                shares_address = :sharesAddress, sale_address = :saleAddress, updated_at = :updatedAt,
                next_check_at = case when :stopped then null else coalesce(next_check_at, now()) end
            where id = :id and status = :from""")
    int transition(UUID id, String from, String status, @Nullable String failureReason,
            @Nullable String sharesAddress, @Nullable String saleAddress, Instant updatedAt, boolean stopped);
}
