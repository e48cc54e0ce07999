package io.cadenza.jobs.ledger;

/** An entry whose postings do not sum to zero in some asset: refused before anything is written. */
public final class UnbalancedEntryException extends IllegalArgumentException {
    UnbalancedEntryException(String message) {
        super(message);
    }
}
