package io.cadenza.api.masters;

import io.cadenza.api.accounts.ArtistVerification;
import io.cadenza.api.events.AccountEvents;
import io.cadenza.api.ipfs.ContentPins;
import io.cadenza.api.ipfs.PinnedContent;
import io.cadenza.api.ipfs.RemotePin;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.chain.calls.PlatformCalls;
import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.outbox.ChainTransaction;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.chain.outbox.TransactionStatus;
import io.cadenza.indexer.query.IndexReader;
import io.cadenza.indexer.query.IndexedMaster;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.utils.Numeric;

/**
 * Takes a master from DRAFT to REGISTERED: pins its files, registers it on chain through the outbox, and learns its
 * token id from the index. Each step is idempotent (pins by CID, intents by key), so a crash or a retry repeats
 * nothing: a new registration intent is made only after the previous one has failed for good.
 */
@Singleton
public class MasterRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(MasterRegistrar.class);
    private static final int FAILURE_REASON_LENGTH_MAX = 500;

    private final MasterStore masters;
    private final ContentPins pins;
    private final TransactionOutbox outbox;
    private final IndexReader index;
    private final DeploymentManifest manifest;
    private final long chainId;
    private final Clock clock;
    private final AccountEvents events;
    private final ArtistVerification verification;

    public MasterRegistrar(MasterStore masters, ContentPins pins, TransactionOutbox outbox, IndexReader index,
            DeploymentManifest manifest, ChainConfiguration chain, Clock clock, AccountEvents events,
            ArtistVerification verification) {
        this.events = events;
        this.verification = verification;
        this.masters = masters;
        this.pins = pins;
        this.outbox = outbox;
        this.index = index;
        this.manifest = manifest;
        this.chainId = chain.chainId();
        this.clock = clock;
    }

    /**
     * Runs every step that can run now, and answers the master as it is afterwards. One transaction: a registration
     * intent and the master's move to REGISTERING commit together, and each outcome with the event announcing it.
     */
    @Transactional
    public Master advance(Master master) {
        Master current = master;
        for (int step = 0; step < MasterStatus.values().length; step++) {
            Master next = switch (current.status()) {
                case DRAFT -> pin(current);
                // The platform pays for an artist's registrations only once an admin approved the artist.
                case PINNED -> verification.isApproved(current.artistId()) ? submitRegistration(current)
                        : with(current, MasterStatus.AWAITING_APPROVAL, null, null);
                case AWAITING_APPROVAL -> verification.isApproved(current.artistId())
                        ? with(current, MasterStatus.PINNED, null, null) : current;
                case REGISTERING -> observeRegistration(current);
                case VOIDING -> index.isVoided(chainId, current.tokenId())
                        ? with(current, MasterStatus.VOIDED, null, null) : current;
                case REGISTERED, VOIDED, FAILED -> current;
            };
            if (next == current) {
                return current;
            }
            if (!masters.transition(next, current.status(), current.registrationAttempt())) {
                // Another instance moved it first: continue from what it stored.
                return masters.find(current.id()).orElseThrow();
            }
            announce(next);
            current = next;
        }
        return current;
    }

    /** Tells the artist about the outcomes they wait for; keyed by attempt, so each is told once. */
    private void announce(Master master) {
        if (master.status() != MasterStatus.REGISTERED && master.status() != MasterStatus.FAILED) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("masterId", master.id().toString());
        data.put("status", master.status().name());
        if (master.tokenId() != null) {
            data.put("tokenId", master.tokenId().toString());
        }
        if (master.failureReason() != null) {
            data.put("failedStep", master.failedStep().name());
            data.put("failureReason", master.failureReason());
        }
        events.append(master.artistId(), "master:" + master.id() + ":" + master.status() + ":"
                + master.registrationAttempt() + ":" + master.failedStep(),
                "master." + master.status().name().toLowerCase(java.util.Locale.ROOT), data);
    }

    /**
     * Voids the master's registration on chain (an upheld ISRC dispute): the intent, keyed {@code key} and counted
     * against {@code admin}, and the move to VOIDING commit together. A master VOIDING already gets a new intent
     * (its earlier one failed); others than REGISTERED or VOIDING are refused.
     */
    @Transactional
    public Master startVoid(Master master, String key, byte[] reasonHash, UUID admin) {
        if (master.status() != MasterStatus.REGISTERED && master.status() != MasterStatus.VOIDING) {
            throw new ProblemException(ProblemType.CONFLICT, "The master is " + master.status()
                    + "; only a registered master can be voided.");
        }
        outbox.submit(PlatformCalls.voidRegistration(key, manifest.masterRegistry(), master.tokenId(), reasonHash)
                .requestedBy(admin));
        if (master.status() == MasterStatus.VOIDING) {
            return master;
        }
        Master voiding = with(master, MasterStatus.VOIDING, null, null);
        if (!masters.transition(voiding, MasterStatus.REGISTERED, master.registrationAttempt())) {
            throw new ProblemException(ProblemType.CONFLICT, "The master changed meanwhile; try again.");
        }
        return voiding;
    }

    /** Resumes a FAILED master at the step that failed. */
    @Transactional
    public Master retry(Master master) {
        if (master.status() != MasterStatus.FAILED) {
            return advance(master);
        }
        Master resumed = master.failedStep() == MasterStatus.Step.PINNING
                ? with(master, MasterStatus.DRAFT, null, null)
                : with(master, MasterStatus.PINNED, null, null);
        if (!masters.transition(resumed, MasterStatus.FAILED, master.registrationAttempt())) {
            return masters.find(master.id()).orElseThrow();
        }
        return advance(resumed);
    }

    private Master pin(Master master) {
        String name = master.isrc();
        try {
            pins.pin(new PinnedContent(master.audio().cid(), master.audio().bytes(), master.audio().mediaType()),
                    name + " audio");
            if (master.cover() != null) {
                pins.pin(new PinnedContent(master.cover().cid(), master.cover().bytes(),
                        master.cover().mediaType()), name + " cover");
            }
            pins.pin(new PinnedContent(master.metadata().cid(), master.metadata().bytes(),
                    master.metadata().mediaType()), name + " metadata.json");
            return with(master, MasterStatus.PINNED, null, null);
        } catch (RemotePin.PinPendingException pending) {
            LOG.info("master {} waits for its pins: {}", master.id(), pending.getMessage());
            return master; // stays DRAFT; the catalog's progress loop asks again
        } catch (IOException | RuntimeException e) {
            LOG.warn("pinning master {} failed", master.id(), e);
            return with(master, MasterStatus.FAILED, MasterStatus.Step.PINNING, "pinning failed: " + e.getMessage());
        }
    }

    private Master submitRegistration(Master master) {
        int attempt = master.registrationAttempt() + 1;
        String key = "master:" + master.id() + ":register:" + attempt;
        outbox.submit(PlatformCalls.registerMaster(key, manifest.masterRegistry(), master.artistWallet(),
                master.metadata().cid(), master.parsedIsrc().hash()).requestedBy(master.artistId()));
        return new Master(master.id(), master.artistId(), master.artistWallet(), master.title(), master.artistName(),
                master.isrc(), master.releaseDate(), master.royaltyShareBps(), MasterStatus.REGISTERING, null, null,
                master.audio(), master.cover(), master.metadata(), attempt, key, null, master.createdAt(), now());
    }

    private Master observeRegistration(Master master) {
        Optional<IndexedMaster> indexed = index.masterByIsrcHash(chainId,
                Numeric.toHexString(master.parsedIsrc().hash()));
        if (indexed.isPresent() && indexed.get().metadataCid().equals(master.metadata().cid())
                && indexed.get().artist().equalsIgnoreCase(master.artistWallet())) {
            return new Master(master.id(), master.artistId(), master.artistWallet(), master.title(),
                    master.artistName(), master.isrc(), master.releaseDate(), master.royaltyShareBps(),
                    MasterStatus.REGISTERED, null, null, master.audio(), master.cover(), master.metadata(),
                    master.registrationAttempt(), master.registrationKey(), indexed.get().tokenId(),
                    master.createdAt(), now());
        }
        Optional<ChainTransaction> transaction = outbox.find(master.registrationKey());
        if (transaction.isPresent() && transaction.get().status() == TransactionStatus.FAILED) {
            return with(master, MasterStatus.FAILED, MasterStatus.Step.REGISTRATION,
                    transaction.get().failureSummary());
        }
        return master;
    }

    private Master with(Master master, MasterStatus status, MasterStatus.Step failedStep, String reason) {
        String bounded = reason == null || reason.length() <= FAILURE_REASON_LENGTH_MAX ? reason
                : reason.substring(0, FAILURE_REASON_LENGTH_MAX);
        return new Master(master.id(), master.artistId(), master.artistWallet(), master.title(), master.artistName(),
                master.isrc(), master.releaseDate(), master.royaltyShareBps(), status, failedStep, bounded,
                master.audio(), master.cover(), master.metadata(), master.registrationAttempt(),
                master.registrationKey(), master.tokenId(), master.createdAt(), now());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
