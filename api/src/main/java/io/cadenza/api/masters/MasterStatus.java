package io.cadenza.api.masters;

/** Where a master is: DRAFT → PINNED → REGISTERING → REGISTERED, or FAILED at a step (retryable). */
public enum MasterStatus {
    DRAFT,
    PINNED,
    REGISTERING,
    REGISTERED,
    FAILED;

    /** The step a FAILED master failed at, where a retry resumes. */
    public enum Step {
        PINNING,
        REGISTRATION
    }
}
