package io.cadenza.chain.outbox;

/** The outbox's tables could not be read or written. */
public final class OutboxStoreException extends RuntimeException {
    public OutboxStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
