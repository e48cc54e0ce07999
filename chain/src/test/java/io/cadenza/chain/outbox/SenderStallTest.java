package io.cadenza.chain.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cadenza.chain.progress.Progress;
import io.cadenza.chain.testing.LoggedErrors;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A sender that cannot make progress says so, once, at ERROR, in its progress (what /health reads) and on its
 * gauge; and says so again when it recovers. The passes are stand-ins; the loop, its threads and its lock are real.
 */
@ExtendWith(TestServicesExtension.class)
class SenderStallTest {
    private static final String ACCOUNT = "0x00000000000000000000000000000000000000c5";

    @Test
    void aSigningHalfThatKeepsFailingStallsTheSenderThoughSendingGoesThroughUntilItSignsAgain(TestServices services)
            throws Exception {
        // As a nonce conflict on every signing did: the sending half, with nothing to send, kept succeeding.
        AtomicBoolean failing = new AtomicBoolean(true);
        SenderPasses passes = new SenderPasses() {
            @Override
            public String account() {
                return ACCOUNT;
            }

            @Override
            public SenderPass signPass() throws IOException {
                if (failing.get()) {
                    throw new IOException("the nonce is taken");
                }
                return new SenderPass(0, 0, 0, 0, 0, 0, 0);
            }

            @Override
            public SenderPass sendPass() {
                return new SenderPass(0, 0, 0, 0, 0, 0, 0);
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Progress progress = TransactionSenderLoop.progressOf(ACCOUNT, meters, Clock.systemUTC());
        LoggedErrors errors = LoggedErrors.of(TransactionSenderLoop.class);
        try (errors; TransactionSenderLoop loop = new TransactionSenderLoop(passes, services.dataSource(), 31337,
                Duration.ofMillis(20), progress, Optional::empty, Duration.ofMinutes(10), Clock.systemUTC(),
                IntervalFunction.of(Duration.ofMillis(20)))) {
            loop.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> progress.stall().isPresent());
            assertThat(progress.stall().orElseThrow().reason()).contains("signing keeps failing")
                    .contains("the nonce is taken");
            assertThat(meters.get("cadenza.outbox.stalled").gauge().value()).isEqualTo(1.0);
            Thread.sleep(300); // sending keeps going through meanwhile: the stall stays
            assertThat(progress.stall()).isPresent();

            failing.set(false);
            await().atMost(Duration.ofSeconds(20)).until(() -> progress.stall().isEmpty());
            assertThat(meters.get("cadenza.outbox.stalled").gauge().value()).isZero();
        }
        assertThat(errors.messages()).singleElement().asString().contains("cannot make progress");
    }

    @Test
    void anIntentOpenLongerThanTheBoundStallsTheSenderWithItsKeyAndLastError(TestServices services) throws Exception {
        AtomicReference<Optional<OutboxStore.OpenIntent>> oldest = new AtomicReference<>(Optional.of(
                new OutboxStore.OpenIntent("register-master-42", "MasterRegistry.register", TransactionStatus.SIGNED,
                        Instant.now().minus(Duration.ofMinutes(11)), "broadcast refused: exceeds block gas limit")));
        SenderPasses idle = new SenderPasses() {
            @Override
            public String account() {
                return ACCOUNT;
            }

            @Override
            public SenderPass signPass() {
                return new SenderPass(0, 0, 0, 0, 0, 0, 0);
            }

            @Override
            public SenderPass sendPass() {
                return new SenderPass(0, 0, 0, 0, 0, 0, 1);
            }
        };
        Progress progress = TransactionSenderLoop.progressOf(ACCOUNT, new SimpleMeterRegistry(), Clock.systemUTC());
        try (TransactionSenderLoop loop = new TransactionSenderLoop(idle, services.dataSource(), 31337,
                Duration.ofMillis(20), progress, oldest::get, Duration.ofMinutes(10), Clock.systemUTC())) {
            loop.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.stall().isPresent());
            assertThat(progress.stall().orElseThrow().reason()).contains("register-master-42")
                    .contains("exceeds block gas limit");

            oldest.set(Optional.empty());
            await().atMost(Duration.ofSeconds(15)).until(() -> progress.stall().isEmpty());
        }
    }
}
