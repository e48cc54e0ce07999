package io.cadenza.chain.audit;

import java.util.Optional;

/**
 * Where the action being audited came from, when a request caused it: the API answers its request id and the
 * client's address; background work has none.
 */
@FunctionalInterface
public interface AuditOrigin {
    /** No request: the platform's own work, or a command. */
    AuditOrigin NONE = Optional::empty;

    record Request(String requestId, String clientAddress) {}

    Optional<Request> current();
}
