package io.cadenza.api.chain;

import io.cadenza.chain.outbox.TransactionSenderLoop;
import io.cadenza.chain.progress.Progress;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DOWN while this instance's outbox sender cannot make progress (passes failing in a row, or an intent open too
 * long), with why and since when; UP while it advances or stands by. Only on instances with the sender role.
 */
@Singleton
@Requires(beans = TransactionSenderLoop.class)
public class OutboxHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final TransactionSenderLoop loop;
    private final Progress progress;

    public OutboxHealthIndicator(TransactionSenderLoop loop, @Named("outbox") Progress progress) {
        this.loop = loop;
        this.progress = progress;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("leading", loop.isLeading());
        healthStatus = StallDetails.report(progress, details);
        return details;
    }

    @Override
    protected String getName() {
        return "outbox";
    }
}
