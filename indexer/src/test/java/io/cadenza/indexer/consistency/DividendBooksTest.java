package io.cadenza.indexer.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.chain.testing.TestSql;
import io.cadenza.indexer.testing.IndexerHarness;
import io.cadenza.indexer.testing.SuiteActions;
import io.cadenza.indexer.testing.SuiteActions.Offering;
import java.math.BigInteger;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The check keeps each token's dividend books: Σ claimed + Σ claimable + carried = distributed, in the index and on
 * chain. A holder row missing from the index, whose balance is zero but whose dividends are still to claim, is
 * found by the books though no row of it is left to compare.
 */
@ExtendWith(TestServicesExtension.class)
class DividendBooksTest {
    @Test
    void aHolderDroppedFromTheIndexWithDividendsStillToClaimIsReported(TestServices services) throws Exception {
        try (DeployedSuite suite = DeployedSuite.on(services)) {
            SuiteActions actions = new SuiteActions(suite);
            Offering offering = actions.launch(HardhatNode.devAccount(1), 100);
            actions.buy(HardhatNode.devAccount(2), offering, 10);
            actions.buy(HardhatNode.devAccount(3), offering, 5);
            actions.distribute(offering, BigInteger.valueOf(1_000_003)); // leaves a remainder to carry
            // The seller keeps what it earned: a zero balance with dividends still to claim.
            actions.transfer(HardhatNode.devAccount(2), offering, HardhatNode.devAccount(3), 10);
            actions.claim(HardhatNode.devAccount(3), offering);

            try (IndexerHarness harness = IndexerHarness.fresh(services, suite)) {
                harness.catchUp();
                assertThat(harness.check().discrepancies()).isEmpty();

                // What a projection that drops empty holders would leave.
                TestSql.execute(harness.dataSource(), "delete from idx_holder where token = ? and holder = ?",
                        offering.shares().toLowerCase(Locale.ROOT),
                        HardhatNode.devAccount(2).address().toLowerCase(Locale.ROOT));

                assertThat(harness.check().discrepancies()).extracting(Discrepancy::quantity)
                        .contains("dividendsAccounted(chain)", "dividendsAccounted(index)");
            }
        }
    }

    @Test
    void holderRowsAreComparedWithTheRawTransferLogsEvenWhereNoBalanceOrDividendDiffers(TestServices services)
            throws Exception {
        try (DeployedSuite suite = DeployedSuite.on(services)) {
            SuiteActions actions = new SuiteActions(suite);
            Offering offering = actions.launch(HardhatNode.devAccount(1), 100);
            actions.buy(HardhatNode.devAccount(2), offering, 10);
            // Sold on before any distribution: a zero balance and nothing to claim, which no other comparison sees.
            actions.transfer(HardhatNode.devAccount(2), offering, HardhatNode.devAccount(3), 10);
            String token = offering.shares().toLowerCase(Locale.ROOT);
            String seller = HardhatNode.devAccount(2).address().toLowerCase(Locale.ROOT);
            String stranger = "0x00000000000000000000000000000000000000aa";

            try (IndexerHarness harness = IndexerHarness.fresh(services, suite)) {
                harness.catchUp();
                assertThat(harness.check().discrepancies()).isEmpty();

                TestSql.execute(harness.dataSource(), "delete from idx_holder where token = ? and holder = ?",
                        token, seller);
                TestSql.execute(harness.dataSource(), "insert into idx_holder (chain_id, token, holder, balance,"
                        + " correction, first_block) select chain_id, token, ?, 0, 0, first_block from idx_holder"
                        + " where token = ? limit 1", stranger, token);

                assertThat(harness.check().discrepancies()).containsExactlyInAnyOrder(
                        new Discrepancy(token, seller, "holderRow", "missing", "in Transfer logs"),
                        new Discrepancy(token, stranger, "holderRow", "present", "in no Transfer log"));
            }
        }
    }
}
