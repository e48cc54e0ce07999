package io.cadenza.jobs.statements;

/**
 * How a line was matched to a master. MATCHED by its ISRC or id; UNMATCHED (no registered master) or AMBIGUOUS (whose
 * income it is is in question) until an admin RESOLVED it to a master or DROPPED it. Only MATCHED and RESOLVED lines
 * move money, and a statement is approved only when no line is left UNMATCHED or AMBIGUOUS.
 */
public enum LineMatch {
    MATCHED,
    UNMATCHED,
    AMBIGUOUS,
    RESOLVED,
    DROPPED;

    public boolean open() {
        return this == UNMATCHED || this == AMBIGUOUS;
    }

    public boolean paid() {
        return this == MATCHED || this == RESOLVED;
    }
}
