package io.cadenza.api.chain;

import io.cadenza.chain.progress.Progress;
import io.micronaut.health.HealthStatus;
import java.util.Map;

/** How a background worker's {@link Progress} reads on /health: DOWN with why and since when while it is stalled. */
final class StallDetails {
    private StallDetails() {}

    /** Puts the stall's details (or {@code stalled: false}) into {@code details}; answers the worker's status. */
    static HealthStatus report(Progress progress, Map<String, Object> details) {
        return progress.stall().map(stall -> {
            details.put("halted", true);
            details.put("reason", stall.reason());
            details.put("since", stall.since().toString());
            details.put("needsOperator", stall.needsOperator());
            return HealthStatus.DOWN;
        }).orElseGet(() -> {
            details.put("halted", false);
            return HealthStatus.UP;
        });
    }
}
