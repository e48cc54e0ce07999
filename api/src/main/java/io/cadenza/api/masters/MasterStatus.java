package io.cadenza.api.masters;

/** Where a master is: DRAFT → PINNED → REGISTERING → REGISTERED, or FAILED at a step (retryable). */
public enum MasterStatus {
    DRAFT,
    PINNED,
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
