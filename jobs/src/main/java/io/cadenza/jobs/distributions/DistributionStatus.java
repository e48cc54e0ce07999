package io.cadenza.jobs.distributions;

/**
 * PLANNED (on approval) → AWAITING_FUNDS (the treasury is short; it waits, it does not fail) → SUBMITTED (approve and
 * distribute handed to the outbox, with the ledger entry pool → pending) → CONFIRMED (the index saw it final), or
 * FAILED (reverted or refused; the pending entry reversed) — from which a retry makes a new attempt, PLANNED again.
 */
public enum DistributionStatus {
    PLANNED,
    AWAITING_FUNDS,
    SUBMITTED,
    CONFIRMED,
    FAILED;

    public boolean open() {
        return this == PLANNED || this == AWAITING_FUNDS || this == SUBMITTED;
    }
}
