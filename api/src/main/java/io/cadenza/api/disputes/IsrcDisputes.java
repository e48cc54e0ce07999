package io.cadenza.api.disputes;

import io.cadenza.api.events.AccountEvents;
import io.cadenza.api.masters.Master;
import io.cadenza.api.masters.MasterRegistrar;
import io.cadenza.api.masters.MasterStatus;
import io.cadenza.api.masters.MasterStore;
import io.cadenza.api.masters.Isrc;
import io.cadenza.api.offerings.OfferingStore;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.chain.audit.AuditLog;
import io.cadenza.chain.audit.AuditRecord;
import io.cadenza.chain.database.UniqueViolation;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.web3j.crypto.Hash;

/**
 * How ISRC ownership is righted. The first account to register an ISRC holds it on chain, with no proof asked; an
 * artist who holds the rights files a dispute with their claim (a label contract, a distributor's statement). An
 * admin decides: upheld voids the registration on chain ({@code voidRegistration}, with the hash of the decision),
 * after which the claimant registers the ISRC; dismissed leaves it. Both parties are told, on their event streams.
 */
@Singleton
public class IsrcDisputes {
    private final DisputeStore disputes;
    private final MasterStore masters;
    private final MasterRegistrar registrar;
    private final OfferingStore offerings;
    private final AccountEvents events;
    private final Clock clock;
    private final AuditLog audit;

    public IsrcDisputes(DisputeStore disputes, MasterStore masters, MasterRegistrar registrar, OfferingStore offerings,
            AccountEvents events, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.disputes = disputes;
        this.masters = masters;
        this.registrar = registrar;
        this.offerings = offerings;
        this.events = events;
        this.clock = clock;
    }

    /** {@code claimant} disputes the registration of {@code isrc}; refused for an ISRC not registered by another. */
    @Transactional
    public IsrcDispute open(UUID claimant, String isrc, String claim) {
        Isrc parsed = Isrc.parse(isrc).orElseThrow(() -> ProblemException.invalidField("isrc",
                "must be an ISRC: CC-XXX-YY-NNNNN"));
        Master held = masters.findHolding(parsed.toString()).filter(master -> master.status()
                == MasterStatus.REGISTERED).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "No registered master holds ISRC " + parsed + "."));
        if (held.artistId().equals(claimant)) {
            throw new ProblemException(ProblemType.CONFLICT, "You hold ISRC " + parsed + " already.");
        }
        UUID id = UUID.randomUUID();
        try {
            disputes.open(id, parsed.toString(), held.id(), claimant, held.artistId(), claim,
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
        } catch (RuntimeException e) {
            if (UniqueViolation.causes(e)) {
                throw new ProblemException(ProblemType.CONFLICT, "You have an open dispute of this master already.");
            }
            throw e;
        }
        IsrcDispute opened = disputes.find(id).orElseThrow();
        tell(opened, "isrc-dispute.opened");
        return opened;
    }

    /**
     * An admin's decision. Upheld: the master's registration is voided on chain (it must have no open offering: they
     * are closed or paused first). Deciding an upheld dispute again sends the void again (when the first failed).
     */
    @Transactional
    public IsrcDispute decide(UUID disputeId, boolean uphold, String reason, UUID admin) {
        IsrcDispute dispute = disputes.find(disputeId).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No dispute " + disputeId + "."));
        boolean retryingVoid = uphold && dispute.status().equals("UPHELD");
        if (!dispute.status().equals("OPEN") && !retryingVoid) {
            throw new ProblemException(ProblemType.CONFLICT, "The dispute was " + dispute.status() + " already.");
        }
        if (uphold) {
            Master master = masters.find(dispute.masterId()).orElseThrow();
            if (offerings.openOfMaster(master.id()) > 0) {
                throw new ProblemException(ProblemType.CONFLICT, "The master has an offering being created or live:"
                        + " close or pause it before voiding the registration.");
            }
            byte[] reasonHash = Hash.sha3(("isrc-dispute:" + dispute.id() + ":" + reason)
                    .getBytes(StandardCharsets.UTF_8));
            registrar.startVoid(master, "master:" + master.id() + ":void:" + UUID.randomUUID(), reasonHash, admin);
        }
        if (!retryingVoid && disputes.decide(disputeId, uphold ? "UPHELD" : "DISMISSED", admin, reason,
                clock.instant().truncatedTo(ChronoUnit.MICROS)) != 1) {
            throw new ProblemException(ProblemType.CONFLICT, "The dispute was decided meanwhile.");
        }
        IsrcDispute decided = disputes.find(disputeId).orElseThrow();
        tell(decided, uphold ? "isrc-dispute.upheld" : "isrc-dispute.dismissed");
        audit.append(new AuditRecord(AuditRecord.account(admin), uphold ? "master.void" : "isrc-dispute.dismiss",
                "isrc-dispute:" + disputeId, AuditRecord.state("status", dispute.status()),
                AuditRecord.state("status", decided.status(), "masterId", decided.masterId(), "reason", reason)));
        return decided;
    }

    private void tell(IsrcDispute dispute, String type) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("disputeId", dispute.id().toString());
        data.put("isrc", dispute.isrc());
        data.put("masterId", dispute.masterId().toString());
        data.put("status", dispute.status());
        if (dispute.decisionReason() != null) {
            data.put("reason", dispute.decisionReason());
        }
        for (UUID party : java.util.List.of(dispute.claimantId(), dispute.holderId())) {
            events.append(party, type + ":" + dispute.id() + ":" + UUID.randomUUID(), type, data);
        }
    }
}
