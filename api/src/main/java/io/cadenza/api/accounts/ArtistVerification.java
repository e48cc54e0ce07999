package io.cadenza.api.accounts;

import io.cadenza.api.events.AccountEvents;
import io.cadenza.chain.audit.AuditLog;
import io.cadenza.chain.audit.AuditRecord;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The onboarding review of artists: a new artist can sign in and upload at once, but the platform pays for nothing
 * of theirs on chain (registering a master, creating an offering) until an admin approved them. An artist an admin
 * created is approved by that admin. The artist is told the outcome on their event stream.
 */
@Singleton
public class ArtistVerification {
    public enum Status { PENDING, APPROVED, REJECTED }

    private final ArtistReviews reviews;
    private final AccountEvents events;
    private final ApplicationEventPublisher<ArtistApproved> approvals;
    private final Clock clock;
    private final AuditLog audit;

    public ArtistVerification(ArtistReviews reviews, AccountEvents events,
            ApplicationEventPublisher<ArtistApproved> approvals, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.reviews = reviews;
        this.events = events;
        this.approvals = approvals;
        this.clock = clock;
    }

    public boolean isApproved(UUID artistId) {
        return reviews.isApproved(artistId);
    }

    public Status status(UUID artistId) {
        return reviews.find(artistId).map(found -> found.status() == null ? Status.PENDING
                : Status.valueOf(found.status())).orElse(Status.PENDING);
    }

    /**
     * Records an admin's decision; an approval releases what waited for it, in the same transaction. Deciding again
     * replaces the decision (a rejected artist may be approved later, an approval withdrawn).
     */
    @Transactional
    public void decide(UUID artistId, boolean approved, @Nullable String note, @Nullable UUID admin) {
        Status status = approved ? Status.APPROVED : Status.REJECTED;
        Status before = status(artistId);
        reviews.decide(artistId, status.name(), note, admin, clock.instant().truncatedTo(ChronoUnit.MICROS));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", status.name());
        if (note != null) {
            data.put("note", note);
        }
        events.append(artistId, "artist-review:" + UUID.randomUUID(), "artist." + status.name().toLowerCase(
                java.util.Locale.ROOT), data);
        if (approved) {
            approvals.publishEvent(new ArtistApproved(artistId));
        }
        audit.append(new AuditRecord(admin == null ? AuditRecord.PLATFORM : AuditRecord.account(admin),
                "artist.review", "account:" + artistId, Map.of("status", before.name()), data));
    }
}
