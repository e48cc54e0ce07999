package io.cadenza.jobs.distributions;

/** A distribution request that cannot be carried out: callers answer it as a client error of its kind. */
public final class DistributionException extends RuntimeException {

    public enum Kind {
        NOT_FOUND,
        CONFLICT
    }

    private final Kind kind;

    public DistributionException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
