package io.cadenza.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.SseStream;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.chain.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two application instances write one account's events at once, each inside a transaction that goes on for a while
 * after the event is written (as a business transaction does), while a client streams, disconnects and resumes with
 * Last-Event-ID over and over: every event arrives exactly once.
 */
@ExtendWith(TestApplication.Extension.class)
class ConcurrentEventWritersTest {
    private static final int WRITERS_PER_INSTANCE = 3;
    private static final int EVENTS_PER_WRITER = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEventArrivesExactlyOnceAcrossReconnects(TestApplication application, TestServices services)
            throws Exception {
        Session investor = application.client().signUp("INVESTOR");
        Map<String, Object> settings = ExternalServices.properties(services,
                URI.create(application.context().getRequiredProperty("cadenza.redis.uri", String.class)));
        settings.put("cadenza.auth.token-secret", "a test signing key of at least thirty-two bytes");
        settings.put("cadenza.ipfs.block-directory", Files.createTempDirectory("blocks").toString());
        settings.put("cadenza.roles", "api");
        settings.put("cadenza.catalog.progress.enabled", "false");
        try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, settings);
                ExecutorService writers = Executors.newFixedThreadPool(2 * WRITERS_PER_INSTANCE)) {
            List<ApplicationContext> instances = List.of(application.context(), second.getApplicationContext());
            List<Future<?>> written = new ArrayList<>();
            for (int instance = 0; instance < instances.size(); instance++) {
                for (int writer = 0; writer < WRITERS_PER_INSTANCE; writer++) {
                    String prefix = instance + "-" + writer + "-";
                    ApplicationContext context = instances.get(instance);
                    written.add(writers.submit(() -> write(context, investor, prefix)));
                }
            }

            Map<String, Integer> received = new HashMap<>();
            String lastEventId = "0";
            int total = instances.size() * WRITERS_PER_INSTANCE * EVENTS_PER_WRITER;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int reconnects = 0;
            while (received.size() < total && System.nanoTime() < deadline) {
                // Connect, read for a moment, drop the connection, and resume where the last whole event ended.
                try (SseStream stream = new SseStream(application.uri().resolve("/v1/events"), investor.accessToken(),
                        lastEventId)) {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(50, 250));
                    for (SseStream.SseEvent event : stream.events()) {
                        received.merge(JSON.readTree(event.data()).get("n").asText(), 1, Integer::sum);
                        lastEventId = event.id();
                    }
                }
                reconnects++;
            }
            for (Future<?> writer : written) {
                writer.get();
            }
            assertThat(reconnects).isGreaterThan(3);
            assertThat(received).hasSize(total);
            assertThat(received.values()).as("no event twice").containsOnly(1);
        }
    }

    private static Void write(ApplicationContext context, Session investor, String prefix) throws Exception {
        AccountEvents events = context.getBean(AccountEvents.class);
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        for (int index = 0; index < EVENTS_PER_WRITER; index++) {
            String key = prefix + index;
            transactions.executeWrite(status -> {
                events.append(investor.id(), "test:" + key, "test.event", Map.of("n", key));
                try {
                    // The rest of the business transaction: the event commits a little after it was written.
                    Thread.sleep(ThreadLocalRandom.current().nextInt(0, 15));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
        }
        return null;
    }
}
