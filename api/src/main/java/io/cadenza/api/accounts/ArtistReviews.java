package io.cadenza.api.accounts;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Artists' onboarding reviews ({@code account_artist_review}); an artist without a row awaits review. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ArtistReviews extends GenericRepository<Account, UUID> {

    /** An artist as an admin reviews them: the account and the review so far (status null: not reviewed yet). */
    @Introspected
    record Reviewed(UUID id, String email, Instant createdAt, @Nullable String status, @Nullable String note,
            @Nullable UUID reviewedBy, @Nullable Instant reviewedAt) {}

    @Query("""
            select u.id, u.email, u.created_at, r.status, r.note, r.reviewed_by, r.reviewed_at
            from account_user u left join account_artist_review r on r.account_id = u.id
            where u.id = :accountId and u.role = 'ARTIST'""")
    Optional<Reviewed> find(UUID accountId);

    /** Artists whose review is {@code status} (PENDING: none yet), oldest first, after {@code afterId}. */
    @Query("""
            select u.id, u.email, u.created_at, r.status, r.note, r.reviewed_by, r.reviewed_at
            from account_user u left join account_artist_review r on r.account_id = u.id
            where u.role = 'ARTIST' and coalesce(r.status, 'PENDING') = :status
              and (u.created_at, u.id) > (:afterCreatedAt, :afterId)
            order by u.created_at, u.id limit :limit""")
    List<Reviewed> list(String status, Instant afterCreatedAt, UUID afterId, int limit);

    @Query("""
            insert into account_artist_review (account_id, status, note, reviewed_by, reviewed_at)
            values (:accountId, :status, :note, :reviewedBy, :reviewedAt)
            on conflict (account_id) do update set status = excluded.status, note = excluded.note,
                reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at""")
    void decide(UUID accountId, String status, @Nullable String note, @Nullable UUID reviewedBy, Instant reviewedAt);

    @Query("select exists (select 1 from account_artist_review where account_id = :accountId and status = 'APPROVED')")
    boolean isApproved(UUID accountId);
}
