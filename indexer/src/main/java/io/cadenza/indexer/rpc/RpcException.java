package io.cadenza.indexer.rpc;

import java.io.IOException;

/**
 * A JSON-RPC call that failed: the node was unreachable or slow, answered with an HTTP error, or answered with a
 * JSON-RPC error. {@link #resultCapped()} tells the errors that a smaller request would avoid (providers' caps on
 * logs per answer or blocks per range).
 */
public final class RpcException extends IOException {
    private final boolean resultCapped;

    public RpcException(String message, boolean resultCapped) {
        super(message);
        this.resultCapped = resultCapped;
    }

    public RpcException(String message, Throwable cause) {
        super(message, cause);
        this.resultCapped = false;
    }

    public boolean resultCapped() {
        return resultCapped;
    }

    /**
     * Whether a JSON-RPC error says the request asked for too much. Providers word it differently: "query returned
     * more than 10000 results" (Infura, geth), "block range is too large", "exceed maximum block range: 2000",
     * "Log response size exceeded", code -32005 (limit exceeded).
     */
    static boolean isCap(long code, String message) {
        if (code == -32005) {
            return true;
        }
        String lower = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("more than") || lower.contains("too large") || lower.contains("exceed")
                || lower.contains("too many") || lower.contains("limit");
    }
}
