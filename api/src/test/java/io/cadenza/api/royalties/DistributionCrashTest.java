package io.cadenza.api.royalties;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.ApplicationProcess;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.ChainActions;
import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.api.testing.TestWallet;
import io.cadenza.chain.contracts.RoyaltyShares;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.TestServices;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application process killed with SIGKILL between a statement's approval and its distribution's submission, then
 * between the submission and the confirmation: each restart picks the work up from the database, and in the end the
 * pool was distributed on chain exactly once, and the ledger and the index agree to the unit.
 */
@ExtendWith(TestApplication.Extension.class)
class DistributionCrashTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int FINALITY_DEPTH = 4;

    @Test
    void killedBetweenApprovalAndSubmissionAndBetweenSubmissionAndConfirmationItDistributesOnce(
            TestApplication shared, TestServices services) throws Exception {
        ChainActions chain = new ChainActions(shared);
        DeploymentManifest deployed = shared.context().getBean(DeploymentManifest.class);
        try (TestRedis redis = new TestRedis()) {
            Map<String, Object> settings = ExternalServices.attachedApplication(services, redis.uri(), deployed);
            settings.put("cadenza.indexer.finality-depth", FINALITY_DEPTH);
            settings.put("cadenza.chain.outbox.finality-depth", FINALITY_DEPTH);
            settings.put("cadenza.money.approvals-required", 1);
            settings.put("cadenza.money.sweep-every", "5s");

            // First life: no jobs role, so the approved distribution is only planned when the process dies.
            ApplicationProcess first = ApplicationProcess.start(settings, Map.of("cadenza.roles", "api,indexer,sender"));
            ApiClient api = new ApiClient(first.uri());
            String shares;
            String distributionId;
            BigInteger amount;
            try {
                CatalogFixtures catalog = new CatalogFixtures(api);
                Session artist = catalog.artist();
                JsonNode offering = catalog.liveOffering(artist, 100);
                shares = offering.get("sharesAddress").asText();
                TestWallet holder = chain.fundedWallet();
                chain.buy(holder, offering.get("saleAddress").asText(), 30,
                        new BigInteger(CatalogFixtures.PRICE_PER_SHARE));
                Session admin = api.admin();
                Answer recorded = api.post("/v1/admin/royalty-statements", object("source", "Crash Distro",
                        "periodStart", "2026-11", "lines", List.of(object("masterId", offering.get("masterId")
                                .asText(), "amount", "10.00", "currency", "USD"))), admin.accessToken());
                assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
                Answer approved = api.post("/v1/admin/royalty-statements/" + recorded.json().get("id").asText()
                        + "/approve", object(), admin.accessToken());
                assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
                JsonNode distribution = approved.json().get("distributions").get(0);
                distributionId = distribution.get("id").asText();
                amount = new BigInteger(distribution.get("amount").asText());
                assertThat(status(api, admin, distributionId)).isEqualTo("PLANNED");
            } finally {
                first.kill();
            }

            // Second life: it submits; killed as soon as the submission is committed, before any confirmation.
            ApplicationProcess second = ApplicationProcess.start(settings, Map.of());
            try {
                api = new ApiClient(second.uri());
                Session admin = api.admin();
                ApiClient current = api;
                await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                        .until(() -> status(current, admin, distributionId).equals("SUBMITTED"));
            } finally {
                second.kill();
            }

            // Third life: the sender and the job resume; finality comes with blocks.
            ApplicationProcess third = ApplicationProcess.start(settings, Map.of());
            try {
                ApiClient api3 = new ApiClient(third.uri());
                Session admin = api3.admin();
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                    chain.hardhat().mine(1);
                    return status(api3, admin, distributionId).equals("CONFIRMED");
                });
                RoyaltyShares token = RoyaltyShares.load(shares, shared.context().getBean(
                        io.cadenza.chain.connection.ChainConnection.class).web3j(),
                        new org.web3j.tx.ReadonlyTransactionManager(shared.context().getBean(
                                io.cadenza.chain.connection.ChainConnection.class).web3j(),
                                DeployedSuite.OPERATOR.address()), new org.web3j.tx.gas.DefaultGasProvider());
                assertThat(token.distributionCount().send()).as("distributed once").isEqualTo(1);
                assertThat(token.totalDistributed().send()).isEqualTo(amount);
                JsonNode offering = api3.get("/v1/admin/distributions/" + distributionId, admin.accessToken()).json();
                String dividends = "/v1/admin/offerings/" + offering.get("offeringId").asText() + "/dividends";
                await().atMost(WAIT).until(() -> api3.get(dividends, admin.accessToken()).json().get("agree")
                        .asBoolean());
                JsonNode books = api3.get(dividends, admin.accessToken()).json();
                assertThat(books.get("ledger").get("confirmed").get("distributed").asText())
                        .isEqualTo(amount.toString());
                assertThat(books.get("ledger").get("pending").asText()).isEqualTo("0");
                assertThat(books.get("ledger").get("pool").asText()).isEqualTo("0");
            } finally {
                third.kill();
            }
        }
    }

    private static String status(ApiClient api, Session admin, String distributionId) {
        return api.get("/v1/admin/distributions/" + distributionId, admin.accessToken()).json().get("status").asText();
    }
}
