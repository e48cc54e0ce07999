package io.cadenza.chain.outbox;

import static io.cadenza.chain.outbox.OutboxFixture.freshAddress;
import static io.cadenza.chain.outbox.OutboxFixture.uniqueKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import java.math.BigInteger;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
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

    /** Another instance has its own pool, and so its own sessions: advisory locks are re-entrant per session. */
    private HikariDataSource otherInstancePool;

    @BeforeAll
    void setUp(TestServices services) {
        this.services = services;
        suite = DeployedSuite.on(services);
        fixture = new OutboxFixture(suite, services.dataSource());
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(services.jdbcUrl());
        pool.setMaximumPoolSize(4);
        otherInstancePool = new HikariDataSource(pool);
    }

    @AfterAll
    void tearDown() {
        otherInstancePool.close();
        suite.close();
    }

    @Test
    void oneInstanceSendsWhileTheOtherStandsByAndTakesOverWhenItStops() throws Exception {
        TransactionSenderLoop first = loop(services.dataSource());
        TransactionSenderLoop second = loop(otherInstancePool);
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

    @Test
    void closingALoopInTheMiddleOfAPassReleasesTheLockForTheStandby() throws Exception {
        BusyPasses busy = new BusyPasses(suite.connection().operator().getAddress());
        TransactionSenderLoop first = new TransactionSenderLoop(busy, services.dataSource(), 1, POLL);
        TransactionSenderLoop second = new TransactionSenderLoop(new IdlePasses(busy.account()), otherInstancePool, 1, POLL);
        try {
            first.start();
            await().atMost(WAIT_MAX).until(() -> first.isLeading() && busy.inPass);
            second.start();
            // close() interrupts the loop while its pass is busy (not asleep), as when it waits on the node.
            Thread closer = Thread.ofPlatform().start(() -> {
                try {
                    first.close();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            await().atMost(WAIT_MAX).until(() -> busy.interruptSeen);
            busy.release = true;
            closer.join(WAIT_MAX);
            await().atMost(WAIT_MAX).until(second::isLeading);
        } finally {
            busy.release = true;
            first.close();
            second.close();
        }
    }

    /**
     * Passes busy as real ones are while they wait on the node: sending spins, ignoring interrupts, until released;
     * signing spins until its thread is interrupted, so that it is still alive when the loop stops it.
     */
    private static final class BusyPasses implements SenderPasses {
        private final String account;
        volatile boolean inPass;
        volatile boolean interruptSeen;
        volatile boolean release;

        BusyPasses(String account) {
            this.account = account;
        }

        @Override
        public String account() {
            return account;
        }

        @Override
        public SenderPass signPass() {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            return IDLE;
        }

        @Override
        public SenderPass sendPass() {
            inPass = true;
            while (!release) {
                interruptSeen |= Thread.currentThread().isInterrupted();
                Thread.onSpinWait();
            }
            inPass = false;
            return IDLE;
        }
    }

    private record IdlePasses(String account) implements SenderPasses {
        @Override
        public SenderPass signPass() {
            return IDLE;
        }

        @Override
        public SenderPass sendPass() {
            return IDLE;
        }
    }

    private static final SenderPass IDLE = new SenderPass(0, 0, 0, 0, 0, 0, 0);

    private TransactionSenderLoop loop(DataSource pool) {
        return new TransactionSenderLoop(fixture.sender(), pool, suite.connection().chainId(), POLL);
    }
}
