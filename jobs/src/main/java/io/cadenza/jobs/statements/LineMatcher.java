package io.cadenza.jobs.statements;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Matches a line to the master whose income it reports, by ISRC (or by id, when the line names one). A line matches
 * only a registered, undisputed master; any doubt leaves it for an admin, with the reason.
 */
final class LineMatcher {
    /** The outcome for one line: the master, or why there is none. */
    record Outcome(LineMatch match, UUID masterId, String reason) {
        static Outcome matched(UUID masterId) {
            return new Outcome(LineMatch.MATCHED, masterId, null);
        }

        static Outcome unmatched(String reason) {
            return new Outcome(LineMatch.UNMATCHED, null, reason);
        }

        static Outcome ambiguous(String reason) {
            return new Outcome(LineMatch.AMBIGUOUS, null, reason);
        }
    }

    private LineMatcher() {}

    /** {@code holders}: every master that holds or held the line's ISRC. */
    static Outcome byIsrc(String isrc, List<RoyaltyCatalog.CatalogMaster> holders) {
        List<RoyaltyCatalog.CatalogMaster> current = holders.stream()
                .filter(master -> master.standing() != RoyaltyCatalog.Standing.VOIDED).toList();
        boolean voided = current.size() < holders.size();
        if (current.isEmpty()) {
            return voided ? Outcome.ambiguous("ISRC " + isrc + " was registered, but that registration was voided;"
                    + " nobody holds it now") : Outcome.unmatched("no master has ISRC " + isrc);
        }
        if (current.size() > 1) {
            return Outcome.ambiguous(current.size() + " masters claim ISRC " + isrc);
        }
        RoyaltyCatalog.CatalogMaster master = current.getFirst();
        return switch (master.standing()) {
            // A voided registration never held the rights: the income is the current holder's, whatever the period.
            case REGISTERED -> Outcome.matched(master.id());
            case DISPUTED -> Outcome.ambiguous("master " + master.id() + " holding ISRC " + isrc
                    + " is under an ISRC dispute");
            case UNREGISTERED -> Outcome.unmatched("master " + master.id() + " with ISRC " + isrc
                    + " is not registered on chain");
            case VOIDED -> throw new IllegalStateException("filtered above");
        };
    }

    static Outcome byId(UUID masterId, Optional<RoyaltyCatalog.CatalogMaster> master) {
        if (master.isEmpty()) {
            return Outcome.unmatched("no master " + masterId);
        }
        return switch (master.get().standing()) {
            case REGISTERED -> Outcome.matched(masterId);
            case DISPUTED -> Outcome.ambiguous("master " + masterId + " is under an ISRC dispute");
            case VOIDED -> Outcome.ambiguous("master " + masterId + "'s registration was voided");
            case UNREGISTERED -> Outcome.unmatched("master " + masterId + " is not registered on chain");
        };
    }
}
