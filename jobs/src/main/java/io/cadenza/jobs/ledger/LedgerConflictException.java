package io.cadenza.jobs.ledger;

/**
 * A posting that contradicts what the ledger holds: a business key posted already with other postings, or an entry
 * reversed already. Nothing of it was written.
 */
public final class LedgerConflictException extends RuntimeException {
    LedgerConflictException(String message) {
        super(message);
    }

    LedgerConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
