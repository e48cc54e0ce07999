package io.cadenza.jobs.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.schema.ChainSchema;
import io.cadenza.chain.testing.DataAccess;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.store.IndexerSchema;
import io.cadenza.indexer.testing.TestDatabases;
import io.cadenza.jobs.distributions.Distribution;
import io.cadenza.jobs.distributions.DistributionStatus;
import io.cadenza.jobs.distributions.DistributionStore;
import io.cadenza.jobs.ledger.AccountKind;
import io.cadenza.jobs.ledger.Asset;
import io.cadenza.jobs.ledger.JobsSchema;
import io.cadenza.jobs.ledger.Ledger;
import io.cadenza.jobs.ledger.LedgerAccount;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Statements on a real PostgreSQL with the payout token's decimals read from the test chain: lines matched by ISRC,
 * the unmatched and ambiguous ones held back until resolved or dropped, four eyes, and the approval's allocation —
 * ledger entries, splits and planned distributions — made once even when two admins approve at the same moment.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoyaltyStatementsTest {
    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final UUID RECORDER = UUID.randomUUID();
    private static final UUID SECOND = UUID.randomUUID();
    private static final UUID THIRD = UUID.randomUUID();

    private MoneyFixture money;
    private HikariDataSource database;
    private CatalogFixture catalog;
    private RoyaltyStatements statements;
    private Ledger ledger;
    private DistributionStore distributions;
    private String stablecoin;

    @BeforeAll
    void start(TestServices services) {
        money = MoneyFixture.start(services);
        database = money.database();
        catalog = money.catalog();
        statements = money.bean(RoyaltyStatements.class);
        ledger = money.bean(Ledger.class);
        distributions = money.bean(DistributionStore.class);
        stablecoin = money.stablecoin();
    }

    @AfterAll
    void stop() {
        money.close();
    }

    private static NewStatement.Line isrcLine(int lineNo, String isrc, String amount, String currency) {
        return new NewStatement.Line(lineNo, isrc, null, OCTOBER, new BigDecimal(amount), currency);
    }

    private static NewStatement statement(List<NewStatement.Line> lines, Map<String, BigDecimal> rates) {
        return new NewStatement("DistroKid", OCTOBER, OCTOBER, rates, lines, null);
    }

    private static String address(int n) {
        return String.format("0x%040x", n + 0xC0DE0000L);
    }

    @Test
    void linesAreMatchedAndTheSecondAdminsApprovalSplitsEachMastersIncomeIntoPoolAndArtistShare() {
        RoyaltyCatalog.CatalogMaster hit = catalog.master(CatalogFixture.freshIsrc(), 3_000,
                RoyaltyCatalog.Standing.REGISTERED);
        RoyaltyCatalog.CatalogOffering offering = catalog.offering(hit, address(1), stablecoin, 1_000);
        RoyaltyCatalog.CatalogMaster disputed = catalog.master(CatalogFixture.freshIsrc(), 5_000,
                RoyaltyCatalog.Standing.DISPUTED);
        String unknown = CatalogFixture.freshIsrc();

        RoyaltyStatement recorded = statements.record(statement(List.of(
                isrcLine(1, hit.isrc().replace("-", "").toLowerCase(), "100.00", "USD"),
                isrcLine(2, hit.isrc(), "23.45", "USD"),
                isrcLine(3, unknown, "7.00", "USD"),
                isrcLine(4, disputed.isrc(), "50", "USD")), Map.of()), RECORDER);
        StatementLineStore lines = money.access().bean(StatementLineStore.class);
        List<StatementLine> matched = lines.page(recorded.id(), 0, 10);
        assertThat(matched).extracting(StatementLine::match).containsExactly(LineMatch.MATCHED, LineMatch.MATCHED,
                LineMatch.UNMATCHED, LineMatch.AMBIGUOUS);
        assertThat(matched.get(2).reason()).contains("no master has ISRC " + unknown);
        assertThat(matched.get(3).reason()).contains("dispute");

        assertThatThrownBy(() -> statements.approve(recorded.id(), RECORDER))
                .isInstanceOfSatisfying(StatementException.class, refused ->
                        assertThat(refused.kind()).isEqualTo(StatementException.Kind.SAME_ADMIN));
        assertThatThrownBy(() -> statements.approve(recorded.id(), SECOND))
                .isInstanceOfSatisfying(StatementException.class, refused -> {
                    assertThat(refused.kind()).isEqualTo(StatementException.Kind.CONFLICT);
                    assertThat(refused.getMessage()).contains("2 line(s)");
                });

        statements.drop(recorded.id(), 3, "not our catalog", SECOND);
        catalog.set(new RoyaltyCatalog.CatalogMaster(disputed.id(), disputed.isrc(), disputed.artistId(),
                disputed.title(), disputed.royaltyShareBps(), RoyaltyCatalog.Standing.REGISTERED));
        statements.resolve(recorded.id(), 4, hit.id(), SECOND);

        RoyaltyStatements.Approval approval = statements.approve(recorded.id(), SECOND);
        assertThat(approval.statement().status()).isEqualTo(StatementStatus.APPROVED);
        // 173.45 USD = 173,450,000 units at 6 decimals; 30 % to the holders.
        BigInteger units = BigInteger.valueOf(173_450_000L);
        BigInteger pool = BigInteger.valueOf(52_035_000L);
        assertThat(approval.distributions()).singleElement().satisfies(distribution -> {
            assertThat(distribution.offeringId()).isEqualTo(offering.id());
            assertThat(distribution.amount()).isEqualTo(pool);
            assertThat(distribution.status()).isEqualTo(DistributionStatus.PLANNED);
        });
        Asset token = Asset.token(31337, stablecoin);
        assertThat(ledger.balance(new LedgerAccount(AccountKind.ROYALTY_INCOME, "master:" + hit.id(), Asset.USD)))
                .isEqualTo(BigInteger.valueOf(-17_345));
        assertThat(ledger.balance(new LedgerAccount(AccountKind.HOLDER_POOL, "offering:" + address(1), token)))
                .isEqualTo(pool);
        assertThat(ledger.balance(new LedgerAccount(AccountKind.ARTIST_SHARE, "master:" + hit.id(), token)))
                .isEqualTo(units.subtract(pool));
        // The dropped line moved nothing, and nothing is left to approve.
        assertThatThrownBy(() -> statements.approve(recorded.id(), THIRD)).isInstanceOf(StatementException.class)
                .hasMessageContaining("APPROVED already");
    }

    @Test
    void aLineInAnotherCurrencyNeedsARateAndIsConvertedAtIt() {
        RoyaltyCatalog.CatalogMaster master = catalog.master(CatalogFixture.freshIsrc(), 10_000,
                RoyaltyCatalog.Standing.REGISTERED);
        catalog.offering(master, address(2), stablecoin, 3);
        assertThatThrownBy(() -> statements.record(statement(List.of(isrcLine(1, master.isrc(), "10.00", "EUR")),
                Map.of()), RECORDER)).isInstanceOfSatisfying(StatementException.class, refused ->
                        assertThat(refused.faults()).singleElement().satisfies(fault ->
                                assertThat(fault.message()).contains("needs a rate into USD")));

        RoyaltyStatement recorded = statements.record(statement(List.of(isrcLine(1, master.isrc(), "10.00", "EUR")),
                Map.of("EUR", new BigDecimal("1.0825"))), RECORDER);
        RoyaltyStatements.Approval approval = statements.approve(recorded.id(), SECOND);
        // 1000 cents * 1.0825 = 1082.5 US cents = 10,825,000 units; all of it to the holders (100 %).
        assertThat(approval.distributions()).singleElement().extracting(Distribution::amount)
                .isEqualTo(BigInteger.valueOf(10_825_000));
        RoyaltySplit split = money.access().bean(SplitStore.class)
                .findByStatementIdOrderByLedgerEntryId(recorded.id()).getFirst();
        assertThat(split.exchangeRate()).isEqualByComparingTo("1.0825");
        assertThat(split.currency()).isEqualTo("EUR");
        assertThat(ledger.balance(new LedgerAccount(AccountKind.TREASURY, "platform", new Asset("EUR"))))
                .isGreaterThanOrEqualTo(BigInteger.valueOf(1_000));
    }

    @Test
    void badInputIsRefusedWithEachFaultAndRecordsNothing() throws SQLException {
        long before = count("royalty_statement");
        String isrc = CatalogFixture.freshIsrc();
        assertThatThrownBy(() -> statements.record(statement(List.of(
                isrcLine(1, isrc, "1.234", "USD"),
                isrcLine(2, isrc, "-5", "USD"),
                isrcLine(3, isrc, "1" + "0".repeat(30), "USD"),
                isrcLine(4, isrc, "1", "XYZ"),
                isrcLine(5, "not an isrc", "1", "USD"),
                new NewStatement.Line(6, isrc, UUID.randomUUID(), OCTOBER, BigDecimal.ONE, "USD"),
                new NewStatement.Line(7, isrc, null, OCTOBER.plusMonths(1), BigDecimal.ONE, "USD")), Map.of()),
                RECORDER)).isInstanceOfSatisfying(StatementException.class, refused -> {
                    assertThat(refused.kind()).isEqualTo(StatementException.Kind.INVALID);
                    assertThat(refused.faults()).extracting(StatementException.Fault::where).containsExactly(
                            "line 1 amount", "line 2 amount", "line 3 amount", "line 4 currency", "line 5 isrc",
                            "line 6", "line 7 period");
                });
        assertThatThrownBy(() -> statements.record(new NewStatement("Distro\u0000Kid", OCTOBER, OCTOBER, Map.of(),
                List.of(isrcLine(1, isrc, "1", "USD")), null), RECORDER)).isInstanceOf(StatementException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> statements.record(statement(List.of(isrcLine(1, isrc, "1", "EUR")),
                Map.of("EUR", new BigDecimal("-1"))), RECORDER)).isInstanceOf(StatementException.class)
                .hasMessageContaining("rates.EUR");
        assertThat(count("royalty_statement")).isEqualTo(before);
    }

    @Test
    void twoAdminsApprovingAtOnceAllocateTheStatementOnce() throws Exception {
        RoyaltyCatalog.CatalogMaster master = catalog.master(CatalogFixture.freshIsrc(), 5_000,
                RoyaltyCatalog.Standing.REGISTERED);
        catalog.offering(master, address(3), stablecoin, 100);
        for (int round = 0; round < 5; round++) {
            RoyaltyStatement recorded = statements.record(statement(List.of(isrcLine(1, master.isrc(), "10", "USD")),
                    Map.of()), RECORDER);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService admins = Executors.newFixedThreadPool(2);
            List<Future<RoyaltyStatements.Approval>> approvals = new ArrayList<>();
            for (UUID admin : List.of(SECOND, THIRD)) {
                approvals.add(admins.submit((Callable<RoyaltyStatements.Approval>) () -> {
                    start.await();
                    return statements.approve(recorded.id(), admin);
                }));
            }
            start.countDown();
            int approved = 0;
            int refused = 0;
            for (Future<RoyaltyStatements.Approval> approval : approvals) {
                try {
                    approval.get();
                    approved++;
                } catch (java.util.concurrent.ExecutionException failure) {
                    assertThat(failure.getCause()).isInstanceOf(StatementException.class);
                    refused++;
                }
            }
            admins.shutdown();
            assertThat(approved).isEqualTo(1);
            assertThat(refused).isEqualTo(1);
            assertThat(distributions.findByStatementIdOrderByCreatedAt(recorded.id())).hasSize(1);
            assertThat(count("royalty_split where statement_id = '" + recorded.id() + "'")).isEqualTo(1);
        }
    }

    @Test
    void theDatabaseRefusesASecondDistributionOfAStatementToAnOffering() throws SQLException {
        RoyaltyCatalog.CatalogMaster master = catalog.master(CatalogFixture.freshIsrc(), 5_000,
                RoyaltyCatalog.Standing.REGISTERED);
        catalog.offering(master, address(4), stablecoin, 100);
        RoyaltyStatement recorded = statements.record(statement(List.of(isrcLine(1, master.isrc(), "10", "USD")),
                Map.of()), RECORDER);
        Distribution first = statements.approve(recorded.id(), SECOND).distributions().getFirst();
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            assertThatThrownBy(() -> sql.execute("""
                    insert into royalty_distribution (id, statement_id, master_id, offering_id, shares_token,
                        payout_token, amount, status, created_at, updated_at)
                    select gen_random_uuid(), statement_id, master_id, offering_id, shares_token, payout_token, amount,
                        'PLANNED', now(), now() from royalty_distribution where id = '%s'""".formatted(first.id())))
                    .isInstanceOf(SQLException.class).hasMessageContaining("royalty_distribution_statement_id_offering_id_key");
        }
    }

    @Test
    void withOneApprovalRequiredTheRecorderApprovesAlone() {
        RoyaltyConfiguration single = new RoyaltyConfiguration(1, "USD", null, java.time.Duration.ofSeconds(10));
        DataAccess access = money.access();
        RoyaltyStatements alone = new RoyaltyStatements(access.bean(StatementStore.class),
                access.bean(StatementLineStore.class), catalog, access.bean(IncomeAllocation.class), single,
                Clock.systemUTC(), access.auditLog());
        RoyaltyCatalog.CatalogMaster master = catalog.master(CatalogFixture.freshIsrc(), 5_000,
                RoyaltyCatalog.Standing.REGISTERED);
        RoyaltyStatement recorded = alone.record(statement(List.of(isrcLine(1, master.isrc(), "10", "USD")), Map.of()),
                RECORDER);
        assertThat(alone.approve(recorded.id(), RECORDER).statement().status()).isEqualTo(StatementStatus.APPROVED);
    }

    private long count(String tableAndCondition) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("select count(*) from " + tableAndCondition)) {
            row.next();
            return row.getLong(1);
        }
    }
}
