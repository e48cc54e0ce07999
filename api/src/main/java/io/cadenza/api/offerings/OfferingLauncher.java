package io.cadenza.api.offerings;

import io.cadenza.api.accounts.ArtistVerification;
import io.cadenza.api.quotas.Quotas;
import io.cadenza.api.events.AccountEvents;
import io.cadenza.api.masters.Master;
import io.cadenza.api.masters.MasterStore;
import io.cadenza.api.masters.MasterStatus;
import io.cadenza.api.problem.Problem;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.chain.calls.PlatformCalls;
import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.outbox.ChainTransaction;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.chain.outbox.TransactionStatus;
import io.cadenza.indexer.query.IndexReader;
import io.cadenza.indexer.query.IndexedOffering;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.web3j.crypto.Keys;

/**
 * Creates offerings through the factory (one outbox intent each) and follows them: LIVE when the index has the
 * share token and sale, CLOSED when the sale is finalised or its window is over, FAILED if the factory call failed.
 */
@Singleton
public class OfferingLauncher {
    /** A sale window longer than this is more likely a typo than a plan. */
    public static final Duration SALE_WINDOW_MAX = Duration.ofDays(366);
    private static final BigInteger PRICE_MAX = BigInteger.ONE.shiftLeft(96).subtract(BigInteger.ONE);

    private final OfferingStore offerings;
    private final TransactionOutbox outbox;
    private final IndexReader index;
    private final DeploymentManifest manifest;
    private final long chainId;
    private final Clock clock;
    private final MasterStore masters;
    private final AccountEvents events;
    private final ArtistVerification verification;
    private final Quotas quotas;

    public OfferingLauncher(OfferingStore offerings, TransactionOutbox outbox, IndexReader index,
            DeploymentManifest manifest, ChainConfiguration chain, Clock clock, MasterStore masters,
            AccountEvents events, ArtistVerification verification, Quotas quotas) {
        this.verification = verification;
        this.quotas = quotas;
        this.masters = masters;
        this.events = events;
        this.offerings = offerings;
        this.outbox = outbox;
        this.index = index;
        this.manifest = manifest;
        this.chainId = chain.chainId();
        this.clock = clock;
    }

    /** Stores the offering and its creation intent in one transaction: both are there, or neither. */
    @Transactional
    public Offering launch(Master master, NewOffering request) {
        if (master.status() != MasterStatus.REGISTERED) {
            throw new ProblemException(ProblemType.CONFLICT, "The master is " + master.status()
                    + "; an offering needs a REGISTERED master.");
        }
        if (!verification.isApproved(master.artistId())) {
            throw new ProblemException(ProblemType.ARTIST_NOT_APPROVED, "The artist's account is not approved (any"
                    + " more); offerings wait for an admin's review.");
        }
        quotas.reserveOffering(master.artistId(), master.id());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Problem.FieldError> errors = new ArrayList<>();
        BigInteger price = new BigInteger(request.pricePerShareMinorUnits());
        if (price.compareTo(PRICE_MAX) > 0) {
            errors.add(new Problem.FieldError("pricePerShareMinorUnits", "must fit in 96 bits"));
        }
        Instant starts = request.saleStartsAt().truncatedTo(ChronoUnit.SECONDS);
        Instant ends = request.saleEndsAt().truncatedTo(ChronoUnit.SECONDS);
        if (!ends.isAfter(starts)) {
            errors.add(new Problem.FieldError("saleEndsAt", "must be after saleStartsAt"));
        } else if (Duration.between(starts, ends).compareTo(SALE_WINDOW_MAX) > 0) {
            errors.add(new Problem.FieldError("saleEndsAt", "must be within " + SALE_WINDOW_MAX.toDays()
                    + " days of saleStartsAt"));
        }
        if (!ends.isAfter(now)) {
            errors.add(new Problem.FieldError("saleEndsAt", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "See the errors for each field.", errors);
        }
        UUID id = UUID.randomUUID();
        String stablecoin = manifest.stablecoin().toLowerCase(Locale.ROOT);
        Offering offering = new Offering(id, master.id(),
                request.name() != null ? request.name() : truncate(master.title() + " Shares", 64),
                request.symbol() != null ? request.symbol() : truncate("CDZ" + master.tokenId(), 11),
                request.totalShares().longValueExact(), price,
                request.payoutToken() != null ? request.payoutToken().toLowerCase(Locale.ROOT) : stablecoin,
                request.paymentToken() != null ? request.paymentToken().toLowerCase(Locale.ROOT) : stablecoin,
                starts, ends, Boolean.TRUE.equals(request.transfersRestricted()), OfferingStatus.CREATING, null,
                "offering:" + id + ":create", null, null, now, now);
        offerings.insert(offering);
        submitCreation(offering, master);
        return offering;
    }

    private void submitCreation(Offering offering, Master master) {
        outbox.submit(PlatformCalls.createOffering(offering.creationKey(), manifest.offeringFactory(),
                new PlatformCalls.OfferingTerms(master.tokenId(), offering.name(), offering.symbol(),
                        offering.totalShares(), offering.payoutToken(), offering.paymentToken(),
                        offering.pricePerShare(), offering.saleStartsAt().getEpochSecond(),
                        offering.saleEndsAt().getEpochSecond(), offering.transfersRestricted()))
                .requestedBy(master.artistId()));
    }

    /**
     * Runs every transition that can happen now, and answers the offering as it is afterwards. Each transition and
     * the event announcing it commit together.
     */
    @Transactional
    public Offering advance(Offering offering) {
        Offering current = offering;
        for (int step = 0; step < OfferingStatus.values().length; step++) {
            Offering next = switch (current.status()) {
                case CREATING -> observeCreation(current);
                case LIVE -> observeSale(current);
                case CLOSED, FAILED -> current;
            };
            if (next == current) {
                return current;
            }
            if (!offerings.transition(next, current.status())) {
                return offerings.find(current.id()).orElseThrow();
            }
            announce(next);
            current = next;
        }
        return current;
    }

    /** Tells the master's artist that the offering went live, closed or failed; once each. */
    private void announce(Offering offering) {
        masters.find(offering.masterId()).ifPresent(master -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("offeringId", offering.id().toString());
            data.put("masterId", master.id().toString());
            data.put("status", offering.status().name());
            if (offering.sharesAddress() != null) {
                data.put("sharesAddress", Keys.toChecksumAddress(offering.sharesAddress()));
                data.put("saleAddress", Keys.toChecksumAddress(offering.saleAddress()));
            }
            if (offering.failureReason() != null) {
                data.put("failureReason", offering.failureReason());
            }
            events.append(master.artistId(), "offering:" + offering.id() + ":" + offering.status(),
                    "offering." + offering.status().name().toLowerCase(Locale.ROOT), data);
        });
    }

    private Offering observeCreation(Offering offering) {
        Optional<ChainTransaction> transaction = outbox.find(offering.creationKey());
        if (transaction.isEmpty()) {
            // Stored without its intent (before both committed together): submit it now, under the same key.
            masters.find(offering.masterId()).ifPresent(master -> submitCreation(offering, master));
            return offering;
        }
        ChainTransaction sent = transaction.get();
        if (sent.status() == TransactionStatus.FAILED) {
            return offering.with(OfferingStatus.FAILED, sent.failureSummary(), null, null, now());
        }
        if (sent.txHash() == null || (sent.status() != TransactionStatus.MINED
                && sent.status() != TransactionStatus.CONFIRMED)) {
            return offering;
        }
        return index.offeringCreatedIn(chainId, sent.txHash())
                .map(created -> offering.with(OfferingStatus.LIVE, null, created.sharesAddress(),
                        created.saleAddress(), now()))
                .orElse(offering);
    }

    private Offering observeSale(Offering offering) {
        boolean over = !clock.instant().isBefore(offering.saleEndsAt());
        boolean finalized = index.offering(chainId, offering.sharesAddress()).map(IndexedOffering::finalized)
                .orElse(false);
        return over || finalized ? offering.with(OfferingStatus.CLOSED, null, offering.sharesAddress(),
                offering.saleAddress(), now()) : offering;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
