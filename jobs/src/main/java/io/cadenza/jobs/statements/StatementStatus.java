package io.cadenza.jobs.statements;

/** RECORDED (lines may be resolved, admins approve) → APPROVED (money moved) or REJECTED (nothing moved). */
public enum StatementStatus {
    RECORDED,
    APPROVED,
    REJECTED
}
