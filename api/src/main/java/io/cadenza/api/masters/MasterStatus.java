package io.cadenza.api.masters;

/**
 * Where a master is: DRAFT → PINNED → (AWAITING_APPROVAL, while its artist is not approved yet) → REGISTERING →
 * REGISTERED, or FAILED at a step (retryable).
 */
public enum MasterStatus {
    DRAFT,
    PINNED,
    AWAITING_APPROVAL,
    REGISTERING,
    REGISTERED,
    FAILED;

    /** Whether nothing more happens to the master without a person acting (a retry): the progress pass leaves it. */
    public boolean hasStopped() {
        return this == REGISTERED || this == FAILED;
    }

    /** The step a FAILED master failed at, where a retry resumes. */
    public enum Step {
        PINNING,
        REGISTRATION
    }
}
