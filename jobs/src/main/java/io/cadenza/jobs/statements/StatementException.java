package io.cadenza.jobs.statements;

import java.util.List;

/** A statement request that cannot be carried out, and why: callers answer it as a client error of its kind. */
public final class StatementException extends RuntimeException {

    public enum Kind {
        /** The input is not a statement (a field, a line, a CSV cell). */
        INVALID,
        NOT_FOUND,
        /** The statement's state does not allow it (approved already, unresolved lines, the recorder approving). */
        CONFLICT,
        /** Four eyes: the admin who recorded a statement cannot be the one to approve it. */
        SAME_ADMIN
    }

    /** A fault in one place of the input: a field, or a line (1-based) and its column. */
    public record Fault(String where, String message) {}

    private final Kind kind;
    private final List<Fault> faults;

    public StatementException(Kind kind, String message) {
        this(kind, message, List.of());
    }

    public StatementException(Kind kind, String message, List<Fault> faults) {
        super(message, null, false, false);
        this.kind = kind;
        this.faults = List.copyOf(faults);
    }

    static StatementException invalid(String where, String message) {
        return new StatementException(Kind.INVALID, "The statement is not valid: " + where + " " + message + ".",
                List.of(new Fault(where, message)));
    }

    public Kind kind() {
        return kind;
    }

    public List<Fault> faults() {
        return faults;
    }
}
