package io.cadenza.chain.outbox;

import static io.cadenza.chain.outbox.OutboxFixture.freshAddress;
import static io.cadenza.chain.outbox.OutboxFixture.uniqueKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionSenderLoopTest {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration WAIT_MAX = Duration.ofSeconds(20);

    private DeployedSuite suite;
    private OutboxFixture fixture;
    private TestServices services;

    @BeforeAll
    void setUp(TestServices services) {
        this.services = services;
        suite = DeployedSuite.on(services);
        fixture = new OutboxFixture(suite, services.dataSource());
    }

    @AfterAll
    void tearDown() {
        suite.close();
    }

    @Test
    void oneInstanceSendsWhileTheOtherStandsByAndTakesOverWhenItStops() throws Exception {
        TransactionSenderLoop first = loop();
        TransactionSenderLoop second = loop();
        try {
            first.start();
            await().atMost(WAIT_MAX).until(first::isLeading);
            second.start();
            String key = uniqueKey("loop");
            String holder = freshAddress();
            fixture.outbox.submit(fixture.mint(key, holder, 11));
            await().atMost(WAIT_MAX).until(() -> fixture.isStatus(key, TransactionStatus.CONFIRMED));
            assertThat(second.isLeading()).isFalse();

            first.close();
            await().atMost(WAIT_MAX).until(second::isLeading);
            String afterFailover = uniqueKey("loop-failover");
            fixture.outbox.submit(fixture.mint(afterFailover, holder, 1));
            await().atMost(WAIT_MAX).until(() -> fixture.isStatus(afterFailover, TransactionStatus.CONFIRMED));
            assertThat(fixture.stablecoinBalance(holder)).isEqualTo(BigInteger.valueOf(12));
        } finally {
            first.close();
            second.close();
        }
    }

    private TransactionSenderLoop loop() {
        return new TransactionSenderLoop(fixture.sender(), services.dataSource(), suite.connection().chainId(), POLL);
    }
}
