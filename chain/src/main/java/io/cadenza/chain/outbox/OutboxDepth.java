package io.cadenza.chain.outbox;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * How much the outbox holds that is not settled yet: open intents per status (PENDING, SIGNED, BROADCAST, MINED),
 * and since when the oldest of them waits. What an operator watches: a queue that grows, or an intent that ages.
 */
public record OutboxDepth(Map<TransactionStatus, Long> open, @Nullable Instant oldestOpenSince) {
    public OutboxDepth {
        open = Map.copyOf(open);
    }

    public long count(TransactionStatus status) {
        return open.getOrDefault(status, 0L);
    }

    public long total() {
        return open.values().stream().mapToLong(Long::longValue).sum();
    }
}
