package io.cadenza.indexer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.config.IndexerConfiguration;
import io.cadenza.indexer.notify.IndexChange;
import io.cadenza.indexer.notify.IndexChangeListener;
import io.cadenza.indexer.store.IndexFaults;
import io.cadenza.indexer.testing.IndexerHarness;
import io.cadenza.indexer.testing.SuiteActions;
import io.cadenza.indexer.testing.SuiteActions.Offering;
import io.cadenza.indexer.testing.TestDatabases;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The indexer "dies" at each step of a batch (the batch's transaction is abandoned there, as a killed process
 * abandons it) and a new indexer restarts on the same database: nothing is missed and nothing is doubled.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryTest {
    /** The batch to crash in: late enough that earlier batches are committed. */
    private static final int CRASHING_BATCH = 3;
    private static final IndexerConfiguration SEVEN_BLOCKS_AT_A_TIME =
            IndexerHarness.testConfiguration().withRanges(7, 100_000);

    enum Step {
        AFTER_FETCH, AFTER_LOGS_STORED, AFTER_PROJECTIONS, BEFORE_COMMIT, AFTER_COMMIT
    }

    private TestServices services;
    private DeployedSuite suite;

    @BeforeAll
    void happen(TestServices services) throws Exception {
        this.services = services;
        suite = DeployedSuite.on(services);
        SuiteActions actions = new SuiteActions(suite);
        Offering offering = actions.launch(HardhatNode.devAccount(1), 5_000);
        actions.buy(HardhatNode.devAccount(2), offering, 500);
        actions.buy(HardhatNode.devAccount(3), offering, 300);
        actions.distribute(offering, BigInteger.valueOf(77_777_777));
        actions.transfer(HardhatNode.devAccount(2), offering, HardhatNode.devAccount(3), 50);
        actions.claim(HardhatNode.devAccount(3), offering);
        actions.issue(HardhatNode.devAccount(5), offering, 20, "pi_crash_" + System.nanoTime());
    }

    @AfterAll
    void close() {
        suite.close();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aCrashAtAnyStepOfABatchIsRecoveredByARestart(Step step) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(services)) {
            List<IndexChange> notified = new CopyOnWriteArrayList<>();
            IndexChangeListener listener = notified::add;
            try (IndexerHarness crashing = IndexerHarness.on(db, services.hardhatNode().rpcUrl(), suite,
                    SEVEN_BLOCKS_AT_A_TIME, new CrashAt(step, CRASHING_BATCH), listener)) {
                assertThatThrownBy(crashing::catchUp).isInstanceOf(SimulatedCrash.class);
            }
            int committedBeforeCrash = step == Step.AFTER_COMMIT ? CRASHING_BATCH : CRASHING_BATCH - 1;
            assertThat(notified).hasSize(CRASHING_BATCH - 1);

            IndexerHarness restarted = IndexerHarness.on(db, services.hardhatNode().rpcUrl(), suite,
                    SEVEN_BLOCKS_AT_A_TIME, IndexFaults.NONE, listener);
            restarted.catchUp();
            restarted.close(); // its database stays open for the checks below
            // Each block range was committed (and notified after commit) exactly once, in order, without gaps.
            long expectedFrom = notified.getFirst().fromBlock();
            for (IndexChange change : notified) {
                if (change.kind() == IndexChange.Kind.INDEXED) {
                    if (committedBeforeCrash == CRASHING_BATCH && change.fromBlock() != expectedFrom) {
                        // The crashed batch committed but was never notified: the next notification skips it.
                        assertThat(change.fromBlock()).isGreaterThan(expectedFrom);
                    } else {
                        assertThat(change.fromBlock()).isEqualTo(expectedFrom);
                    }
                    expectedFrom = change.toBlock() + 1;
                }
            }
            try (IndexerHarness fresh = IndexerHarness.fresh(services, suite)) {
                fresh.catchUp();
                assertThat(restarted.dump()).isEqualTo(fresh.dump());
            }
            assertThat(restarted.check().discrepancies()).isEmpty();
        }
    }

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(Step step) {
            super("simulated crash " + step);
        }
    }

    /** Crashes at {@code step} of batch number {@code batch}, counting batches from this indexer's start. */
    private static final class CrashAt implements IndexFaults {
        private final Step step;
        private final int batch;
        private int fetches;

        CrashAt(Step step, int batch) {
            this.step = step;
            this.batch = batch;
        }

        @Override
        public void afterFetch() {
            fetches++;
            crashIf(Step.AFTER_FETCH);
        }

        @Override
        public void afterLogsStored() {
            crashIf(Step.AFTER_LOGS_STORED);
        }

        @Override
        public void afterProjections() {
            crashIf(Step.AFTER_PROJECTIONS);
        }

        @Override
        public void beforeCommit() {
            crashIf(Step.BEFORE_COMMIT);
        }

        @Override
        public void afterCommit() {
            crashIf(Step.AFTER_COMMIT);
        }

        private void crashIf(Step reached) {
            if (reached == step && fetches == batch) {
                throw new SimulatedCrash(step);
            }
        }
    }
}
