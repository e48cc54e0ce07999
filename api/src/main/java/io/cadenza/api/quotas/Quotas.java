package io.cadenza.api.quotas;

import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Per-account quotas on what costs the operator gas and storage: masters per day and bytes stored per artist, open
 * offerings per master. Checked before an upload's body is read (from its declared length), and again, exactly and
 * under a per-account lock, in the transaction that stores the master or the offering.
 */
@Singleton
public class Quotas {
    static final Duration DAY = Duration.ofDays(1);

    private final QuotaUsage usage;
    private final QuotaConfiguration configuration;
    private final Clock clock;

    public Quotas(QuotaUsage usage, QuotaConfiguration configuration, Clock clock) {
        this.usage = usage;
        this.configuration = configuration;
        this.clock = clock;
    }

    /** Before an upload is read: refused when a day's masters are used up, or {@code bytes} more would not fit. */
    public void checkUpload(UUID artistId, long bytes) {
        Instant since = clock.instant().minus(DAY);
        if (usage.mastersSince(artistId, since) >= configuration.mastersPerDay()) {
            Instant oldest = usage.oldestMasterSince(artistId, since);
            Duration wait = oldest == null ? Duration.ofMinutes(1) : Duration.between(since, oldest);
            throw new ProblemException(ProblemType.DAILY_QUOTA_EXCEEDED, "An artist uploads at most "
                    + configuration.mastersPerDay() + " masters in 24 hours.").retryAfter(wait);
        }
        long stored = usage.bytesStored(artistId);
        if (bytes > 0 && stored + bytes > configuration.bytesStored()) {
            throw new ProblemException(ProblemType.QUOTA_EXCEEDED, "This upload (" + bytes + " bytes) would take the"
                    + " masters stored to more than " + configuration.bytesStored() + " bytes (" + stored
                    + " stored).");
        }
    }

    /** In the transaction storing a master of {@code bytes}: the exact check, one upload of the artist at a time. */
    public void reserveUpload(UUID artistId, long bytes) {
        usage.lockAccount(artistId);
        checkUpload(artistId, bytes);
    }

    /** In the transaction creating an offering of the master: at most its limit of open offerings. */
    public void reserveOffering(UUID artistId, UUID masterId) {
        usage.lockAccount(artistId);
        Integer raised = usage.openOfferingsMax(masterId);
        int limit = raised != null ? raised : configuration.openOfferingsPerMaster();
        if (usage.openOfferings(masterId) >= limit) {
            throw new ProblemException(ProblemType.QUOTA_EXCEEDED, "A master has at most " + limit + " open"
                    + (limit == 1 ? " offering" : " offerings") + " (being created or live); an admin can raise it.");
        }
    }

    /** An admin's limit on the master's open offerings; null goes back to the configured default. */
    public boolean setOpenOfferingsLimit(UUID masterId, Integer limit) {
        return usage.setOpenOfferingsMax(masterId, limit) == 1;
    }
}
