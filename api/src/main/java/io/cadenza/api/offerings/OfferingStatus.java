package io.cadenza.api.offerings;

/** CREATING (the factory call is on its way) → LIVE (the index has the clones) → CLOSED (sale finalised or over). */
public enum OfferingStatus {
    CREATING,
    LIVE,
    CLOSED,
    FAILED;

    /** Whether nothing more happens to the offering without a person acting: the progress pass leaves it. */
    public boolean hasStopped() {
        return this == CLOSED || this == FAILED;
    }
}
