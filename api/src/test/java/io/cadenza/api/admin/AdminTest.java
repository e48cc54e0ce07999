package io.cadenza.api.admin;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestWallet;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.contracts.RoyaltyShares;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Admins pause tokens and allowlist verified wallets through the outbox, and see the outbox. */
@ExtendWith(TestApplication.Extension.class)
class AdminTest {
    private final TestApplication application;
    private final ApiClient api;
    private final CatalogFixtures catalog;

    AdminTest(TestApplication application) {
        this.application = application;
        this.api = application.client();
        this.catalog = new CatalogFixtures(api);
    }

    @Test
    void anAdminPausesAndUnpausesAShareTokenOnChain() throws Exception {
        JsonNode offering = catalog.liveOffering(catalog.artist(), 100);
        Session admin = api.admin();
        String path = "/v1/admin/offerings/" + offering.get("id").asText();
        Answer pause = api.post(path + "/pause", object(), admin.accessToken());
        assertThat(pause.status()).as(pause.toString()).isEqualTo(202);
        assertThat(pause.json().get("purpose").asText()).isEqualTo("RoyaltyShares.pause");
        awaitConfirmed(admin, pause.json().get("id").asLong());
        assertThat(shares(offering).paused().send()).isTrue();

        Answer unpause = api.post(path + "/unpause", object(), admin.accessToken());
        awaitConfirmed(admin, unpause.json().get("id").asLong());
        assertThat(shares(offering).paused().send()).isFalse();
    }

    @Test
    void onlyLinkedWalletsAreAllowlistedAndTheChainRecordsIt() throws Exception {
        JsonNode offering = catalog.liveOffering(catalog.artist(), 100);
        Session admin = api.admin();
        String path = "/v1/admin/offerings/" + offering.get("id").asText() + "/allowlist";
        Answer unlinked = api.post(path, object("wallet", TestWallet.random().address(), "allowed", true),
                admin.accessToken());
        assertThat(unlinked.status()).isEqualTo(400);
        assertThat(unlinked.json().get("errors").findValuesAsText("field")).containsExactly("wallet");

        Session investor = api.signUp("INVESTOR");
        TestWallet wallet = TestWallet.random();
        api.linkWallet(investor, wallet);
        Map<String, String> key = Map.of("Idempotency-Key", "allow-" + wallet.address());
        Answer allowed = api.post(path, object("wallet", wallet.address(), "allowed", true), admin.accessToken(), key);
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(202);
        Answer replayed = api.post(path, object("wallet", wallet.address(), "allowed", true), admin.accessToken(),
                key);
        assertThat(replayed.json().get("id")).isEqualTo(allowed.json().get("id"));
        awaitConfirmed(admin, allowed.json().get("id").asLong());
        assertThat(shares(offering).isVerified(wallet.address()).send()).isTrue();
    }

    @Test
    void theOutboxListsFailuresAndIsForAdminsOnly() {
        Session admin = api.admin();
        Answer all = api.get("/v1/admin/outbox?limit=5", admin.accessToken());
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("data").size()).isBetween(1, 5);
        Answer failed = api.get("/v1/admin/outbox?status=failed", admin.accessToken());
        assertThat(failed.status()).isEqualTo(200);
        failed.json().get("data").forEach(entry -> assertThat(entry.get("status").asText()).isEqualTo("FAILED"));
        assertThat(api.get("/v1/admin/outbox?status=LOST", admin.accessToken()).status()).isEqualTo(400);
        assertThat(api.get("/v1/admin/outbox", api.signUp("INVESTOR").accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/v1/admin/outbox", catalog.artist().accessToken()).status()).isEqualTo(403);
    }

    private void awaitConfirmed(Session admin, long outboxId) {
        await().atMost(CatalogFixtures.CHAIN_WAIT).until(() -> {
            for (JsonNode entry : api.get("/v1/admin/outbox?limit=100", admin.accessToken()).json().get("data")) {
                if (entry.get("id").asLong() == outboxId) {
                    return entry.get("status").asText().equals("CONFIRMED");
                }
            }
            return false;
        });
    }

    private RoyaltyShares shares(JsonNode offering) {
        ChainConnection connection = application.context().getBean(ChainConnection.class);
        return RoyaltyShares.load(offering.get("sharesAddress").asText(), connection.web3j(),
                connection.transactionManager(), connection.gasProvider());
    }
}
