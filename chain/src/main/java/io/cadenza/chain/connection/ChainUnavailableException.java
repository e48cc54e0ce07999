package io.cadenza.chain.connection;

/** The chain could not be reached, or is not the chain we were configured for. */
public final class ChainUnavailableException extends RuntimeException {
    public ChainUnavailableException(String message) {
        super(message);
    }

    public ChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
