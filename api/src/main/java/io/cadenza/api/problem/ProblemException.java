package io.cadenza.api.problem;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * Thrown by API code to answer with a problem: the type decides the status, the detail is shown to the client and
 * must hold nothing secret.
 */
public class ProblemException extends RuntimeException {
    private final ProblemType type;
    private final List<Problem.FieldError> fieldErrors;
    private @Nullable Duration retryAfter;
    private boolean closesConnection;
    private @Nullable String contentRange;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> fieldErrors) {
        super(detail, null, false, false);
        this.type = type;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** A validation problem with one field at fault, for rules that annotations cannot express. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, "See the errors for each field.",
                List.of(new Problem.FieldError(field, message)));
    }

    /** Answers with a {@code Retry-After} header as well. */
    public ProblemException retryAfter(Duration wait) {
        this.retryAfter = wait;
        return this;
    }

    /**
     * Closes the connection after the answer: for requests refused before their body was read (an oversize or
     * mistyped upload), so that the client stops sending instead of waiting for a read that never comes.
     */
    public ProblemException closingConnection() {
        this.closesConnection = true;
        return this;
    }

    /** Answers with a {@code Content-Range} header as well: the size of what a range could not be taken from. */
    public ProblemException contentRange(String value) {
        this.contentRange = value;
        return this;
    }

    public @Nullable String contentRange() {
        return contentRange;
    }

    public boolean closesConnection() {
        return closesConnection;
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> fieldErrors() {
        return fieldErrors;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
