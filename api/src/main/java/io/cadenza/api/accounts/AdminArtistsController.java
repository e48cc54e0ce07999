package io.cadenza.api.accounts;

import io.cadenza.api.pagination.Cursor;
import io.cadenza.api.pagination.Page;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.api.text.Plain;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Admins' review of artists: who awaits it (PENDING), who was approved or rejected, and the decision. An approval
 * sends the artist's waiting masters on to registration.
 */
@Controller("/v1/admin/artists")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
public class AdminArtistsController {
    private final ArtistReviews reviews;
    private final ArtistVerification verification;

    public AdminArtistsController(ArtistReviews reviews, ArtistVerification verification) {
        this.reviews = reviews;
        this.verification = verification;
    }

    /** An artist and their review. */
    @Serdeable
    public record ArtistReviewView(UUID id, String email, Instant createdAt, String status, @Nullable String note,
            @Nullable UUID reviewedBy, @Nullable Instant reviewedAt) {
        static ArtistReviewView of(ArtistReviews.Reviewed reviewed) {
            return new ArtistReviewView(reviewed.id(), reviewed.email(), reviewed.createdAt(),
                    reviewed.status() == null ? ArtistVerification.Status.PENDING.name() : reviewed.status(),
                    reviewed.note(), reviewed.reviewedBy(), reviewed.reviewedAt());
        }
    }

    /** The decision: approved or not, with a note the artist is told. */
    @Serdeable
    public record Decision(@NotNull Boolean approved, @Nullable @Plain @Size(max = 500) String note) {}

    /** Artists by review status (PENDING by default), oldest first. */
    @Get
    public Page<ArtistReviewView> list(@Nullable @QueryValue String status, @Nullable @QueryValue String cursor,
            @Nullable @QueryValue Integer limit) {
        String wanted = status == null ? ArtistVerification.Status.PENDING.name() : status.toUpperCase(Locale.ROOT);
        try {
            ArtistVerification.Status.valueOf(wanted);
        } catch (IllegalArgumentException unknown) {
            throw ProblemException.invalidField("status", "must be PENDING, APPROVED or REJECTED");
        }
        int pageSize = Cursor.limit(limit);
        Cursor.CreatedAfter after = Cursor.CreatedAfter.decode(cursor);
        List<ArtistReviews.Reviewed> page = reviews.list(wanted, after.createdAt(), after.id(), pageSize + 1);
        ArtistReviews.Reviewed last = page.size() > pageSize ? page.get(pageSize - 1) : null;
        return new Page<>(page.stream().limit(pageSize).map(ArtistReviewView::of).toList(),
                last == null ? null : new Cursor.CreatedAfter(last.createdAt(), last.id()).encode());
    }

    @Post("/{id}/review")
    public ArtistReviewView review(@PathVariable UUID id, @Body @Valid Decision decision,
            Authentication authentication) {
        reviews.find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No artist " + id + "."));
        verification.decide(id, decision.approved(), decision.note(), Caller.of(authentication).accountId());
        return ArtistReviewView.of(reviews.find(id).orElseThrow());
    }
}
