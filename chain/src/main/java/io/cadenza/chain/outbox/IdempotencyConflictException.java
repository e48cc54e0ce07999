package io.cadenza.chain.outbox;

/** An idempotency key was submitted again with a different request: a caller bug, never silently merged. */
public final class IdempotencyConflictException extends RuntimeException {
    public IdempotencyConflictException(String idempotencyKey) {
        super("idempotency key " + idempotencyKey + " was already used for a different transaction");
    }
}
