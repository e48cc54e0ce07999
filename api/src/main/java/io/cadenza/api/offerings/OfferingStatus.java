package io.cadenza.api.offerings;

/** CREATING (the factory call is on its way) → LIVE (the index has the clones) → CLOSED (sale finalised or over). */
public enum OfferingStatus {
    CREATING,
    LIVE,
    CLOSED,
    FAILED
}
