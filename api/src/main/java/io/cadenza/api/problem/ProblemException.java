package io.cadenza.api.problem;

/**
 * Thrown by API code to answer with a problem: the type decides the status, the detail is shown to the client and
 * must hold nothing secret.
 */
public class ProblemException extends RuntimeException {
    private final ProblemType type;

    public ProblemException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
