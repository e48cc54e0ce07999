package io.cadenza.jobs.custody;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Custodial holders. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CustodyHolders extends GenericRepository<CustodyHolder, UUID> {

    Optional<CustodyHolder> findById(UUID accountId);

    List<CustodyHolder> findByAddressIn(Collection<String> addresses);

    @Query("select nextval('custody_derivation_index')")
    long nextIndex();

    /** Inserts unless the account has one already (another instance was first); answers rows inserted. */
    @Query("""
            insert into custody_holder (account_id, derivation_index, address, created_at)
            values (:accountId, :derivationIndex, :address, :createdAt) on conflict (account_id) do nothing""")
    int insertIfAbsent(UUID accountId, int derivationIndex, String address, Instant createdAt);

    /** Holders after {@code afterAccount}, in account order. */
    @Query("select * from custody_holder where account_id > :afterAccount order by account_id limit :limit")
    List<CustodyHolder> page(UUID afterAccount, int limit);
}
