package io.cadenza.api.masters;

/**
 * Where a master is: DRAFT → PINNED → (AWAITING_APPROVAL, while its artist is not approved yet) → REGISTERING →
 * REGISTERED, or FAILED at a step (retryable). A registration an admin voids after an ISRC dispute goes REGISTERED →
 * VOIDING → VOIDED: its token burned, its ISRC free for the rightful artist.
 */
public enum MasterStatus {
    DRAFT,
    PINNED,
    AWAITING_APPROVAL,
    REGISTERING,
    REGISTERED,
    VOIDING,
    VOIDED,
    FAILED;

    /** Whether nothing more happens to the master without a person acting (a retry): the progress pass leaves it. */
    public boolean hasStopped() {
        return this == REGISTERED || this == FAILED || this == VOIDED;
    }

    /** The step a FAILED master failed at, where a retry resumes. */
    public enum Step {
        PINNING,
        REGISTRATION
    }
}
