package io.cadenza.indexer.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.config.IndexerConfiguration;
import io.cadenza.indexer.ingest.IndexerLoop;
import io.cadenza.indexer.ingest.StepOutcome;
import io.cadenza.indexer.notify.IndexChangeListener;
import io.cadenza.indexer.store.IndexFaults;
import io.cadenza.indexer.testing.FaultyRpcProxy;
import io.cadenza.indexer.testing.IndexerHarness;
import io.cadenza.indexer.testing.SuiteActions;
import io.cadenza.indexer.testing.SuiteActions.Offering;
import io.cadenza.indexer.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The indexer behind a misbehaving node: it slows down, shrinks its ranges and waits, and its index stays exact. */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RpcFaultTest {
    /** Attempts at catching up through faults; each failed step is one. */
    private static final int STEPS_MAX = 20_000;
    private static final IndexerConfiguration IMPATIENT = IndexerHarness.testConfiguration()
            .withRpcTimeout(Duration.ofMillis(400));

    private TestServices services;
    private DeployedSuite suite;
    private SuiteActions actions;
    private Offering offering;

    @BeforeAll
    void happen(TestServices services) throws Exception {
        this.services = services;
        suite = DeployedSuite.on(services);
        actions = new SuiteActions(suite);
        offering = actions.launch(HardhatNode.devAccount(1), 2_000);
        for (int buyer = 2; buyer <= 6; buyer++) {
            actions.buy(HardhatNode.devAccount(buyer), offering, 10L * buyer);
        }
    }

    @AfterAll
    void close() {
        suite.close();
    }

    @Test
    void randomErrorsTimeoutsAndResultCapsSlowTheIndexButNeverChangeIt() throws Exception {
        try (FaultyRpcProxy proxy = new FaultyRpcProxy(services.hardhatNode().rpcUrl(), 7)
                .rpcErrors(0.15).httpErrors(0.05).delays(0.05, Duration.ofMillis(600)).blockRangeCap(40).logsCap(12);
                HikariDataSource db = TestDatabases.fresh(services)) {
            IndexerHarness faulty = IndexerHarness.on(db, proxy.url(), suite, IMPATIENT, IndexFaults.NONE,
                    IndexChangeListener.NONE);
            int failedSteps = catchUpThroughFaults(faulty);

            assertThat(failedSteps).isPositive();
            assertThat(proxy.faultsInjected()).isPositive();
            // Every failed step is the node's doing: one injected fault or enforced cap at least behind each.
            assertThat(failedSteps).isLessThanOrEqualTo(proxy.faultsInjected() + proxy.capsEnforced());
            assertThat(proxy.capsEnforced()).isPositive();
            assertThat(faulty.metrics().rpcErrorCount()).isPositive();
            try (IndexerHarness fresh = IndexerHarness.fresh(services, suite)) {
                fresh.catchUp();
                assertThat(faulty.dump()).isEqualTo(fresh.dump());
            }
            proxy.heal();
            assertThat(faulty.check().discrepancies()).isEmpty();
        }
    }

    @Test
    void aNodeThatGoesAwayIsWaitedForAndIndexingResumesWhenItComesBack() throws Exception {
        try (FaultyRpcProxy proxy = new FaultyRpcProxy(services.hardhatNode().rpcUrl(), 11);
                HikariDataSource db = TestDatabases.fresh(services)) {
            IndexerHarness harness = IndexerHarness.on(db, proxy.url(), suite, IMPATIENT, IndexFaults.NONE,
                    IndexChangeListener.NONE);
            try (IndexerLoop loop = new IndexerLoop(harness.indexer(), db, IMPATIENT.pollInterval())) {
                loop.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> indexedBlock(db) == actions.head());
                proxy.setDown(true);
                actions.transfer(HardhatNode.devAccount(2), offering, HardhatNode.devAccount(3), 5);
                actions.transfer(HardhatNode.devAccount(3), offering, HardhatNode.devAccount(4), 7);
                long headWhileDown = actions.head();
                await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                        .until(() -> proxy.faultsInjected() > 3);
                assertThat(indexedBlock(db)).isLessThan(headWhileDown);
                assertThat(loop.isLeading()).isTrue();

                proxy.setDown(false);
                await().atMost(Duration.ofSeconds(30)).until(() -> indexedBlock(db) == headWhileDown);
            }
            assertThat(harness.check().discrepancies()).isEmpty();
        }
    }

    /**
     * Steps until caught up, counting the steps the node made fail. Only the node's faults are expected: any other
     * failure (the database, a bug) ends the test.
     */
    private static int catchUpThroughFaults(IndexerHarness harness) throws Exception {
        int failed = 0;
        for (int step = 0; step < STEPS_MAX; step++) {
            try {
                if (harness.step() == StepOutcome.IDLE) {
                    return failed;
                }
            } catch (RpcException nodeFault) {
                failed++;
            }
        }
        throw new AssertionError("not caught up through faults after " + STEPS_MAX + " steps");
    }

    private static long indexedBlock(HikariDataSource db) throws Exception {
        try (Connection connection = db.getConnection();
                ResultSet row = connection.createStatement().executeQuery("select max(indexed_block) from idx_chain")) {
            row.next();
            return row.getLong(1);
        }
    }
}
