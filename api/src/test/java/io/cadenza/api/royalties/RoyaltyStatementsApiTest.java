package io.cadenza.api.royalties;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.ChainActions;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestWallet;
import io.cadenza.jobs.ledger.AccountKind;
import io.cadenza.jobs.ledger.Asset;
import io.cadenza.jobs.ledger.Ledger;
import io.cadenza.jobs.ledger.LedgerAccount;
import io.cadenza.chain.deployment.DeploymentManifest;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Royalties through HTTP on the running application: two admins record and approve a distributor's CSV with an
 * unmatched line, the job distributes the holders' pool on chain, the ledger matches what the chain says, and the
 * artist sees their share. Bad input is refused with problems, never a 500.
 */
@ExtendWith(TestApplication.Extension.class)
class RoyaltyStatementsApiTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static Answer uploadCsv(ApiClient api, String csv, String query, String token) {
        return api.send(api.request("/v1/admin/royalty-statements?" + query, token)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    @Test
    void twoAdminsApproveACsvStatementAndItsPoolIsDistributedOnChain(TestApplication application) throws Exception {
        ApiClient api = application.client();
        CatalogFixtures catalog = new CatalogFixtures(api);
        ChainActions chain = new ChainActions(application);
        Session artist = catalog.artist();
        JsonNode offering = catalog.liveOffering(artist, 1_000);
        String shares = offering.get("sharesAddress").asText().toLowerCase(java.util.Locale.ROOT);
        String isrc = api.get("/v1/masters/" + offering.get("masterId").asText(), artist.accessToken()).json()
                .get("isrc").asText();
        TestWallet holder = chain.fundedWallet();
        chain.buy(holder, offering.get("saleAddress").asText(), 250, new BigInteger(CatalogFixtures.PRICE_PER_SHARE));
        // A custodial investor: shares bought into the custody address the platform derived for them.
        Session custodial = api.signUp("INVESTOR");
        Answer custody = api.post("/v1/me/custody", object(), custodial.accessToken());
        assertThat(custody.status()).as(custody.toString()).isEqualTo(200);
        String custodyAddress = custody.json().get("address").asText();
        assertThat(api.post("/v1/me/custody", object(), custodial.accessToken()).json().get("address").asText())
                .isEqualTo(custodyAddress);
        TestWallet custodyWallet = TestWallet.of(custodyCredentials(custodyAddress));
        chain.hardhat().setBalance(custodyWallet.address(), BigInteger.TEN.pow(18));
        chain.buy(custodyWallet, offering.get("saleAddress").asText(), 100,
                new BigInteger(CatalogFixtures.PRICE_PER_SHARE));
        await().atMost(WAIT).until(() -> api.get("/v1/me/holdings", custodial.accessToken()).json().get("data")
                .size() == 1);

        Session recorder = api.admin();
        // A second admin, with an authenticator of its own, signed in with a code (stepped up).
        Session second = api.newAdmin();

        String csv = "ISRC,Title,Period,Amount,Currency,Store\n"
                + isrc.replace("-", "") + ",Night Drive,2026-10,100.00,USD,Spotify\n"
                + "QZ-NOP-26-00001,Someone Else,2026-10,5.00,USD,Apple\n"
                + isrc + ",Night Drive,2026-11,25.50,USD,Apple\n";
        Answer recorded = uploadCsv(api, csv, "source=DistroKid", recorder.accessToken());
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        String id = recorded.json().get("id").asText();
        assertThat(recorded.json().get("periodStart").asText()).isEqualTo("2026-10");
        assertThat(recorded.json().get("periodEnd").asText()).isEqualTo("2026-11");
        assertThat(recorded.json().get("lines").get("MATCHED").asLong()).isEqualTo(2);
        assertThat(recorded.json().get("lines").get("UNMATCHED").asLong()).isEqualTo(1);
        Answer again = uploadCsv(api, csv, "source=DistroKid", recorder.accessToken());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asText()).contains(id);

        Answer own = api.post("/v1/admin/royalty-statements/" + id + "/approve", object(), recorder.accessToken());
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.problemType()).isEqualTo("four-eyes");
        Answer unresolved = api.post("/v1/admin/royalty-statements/" + id + "/approve", object(), second.accessToken());
        assertThat(unresolved.status()).isEqualTo(409);
        JsonNode unmatched = api.get("/v1/admin/royalty-statements/" + id + "/lines?match=UNMATCHED",
                second.accessToken()).json().get("data");
        assertThat(unmatched).hasSize(1);
        assertThat(unmatched.get(0).get("reason").asText()).contains("QZ-NOP-26-00001");
        assertThat(api.post("/v1/admin/royalty-statements/" + id + "/lines/2/drop", object("reason",
                "not in our catalog"), second.accessToken()).status()).isEqualTo(200);

        Answer approved = api.post("/v1/admin/royalty-statements/" + id + "/approve", object(), second.accessToken());
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("statement").get("status").asText()).isEqualTo("APPROVED");
        // 125.50 USD = 125,500,000 units; the fixture's masters give 40 % to holders: 50,200,000.
        JsonNode distribution = approved.json().get("distributions").get(0);
        assertThat(distribution.get("amount").asText()).isEqualTo("50200000");
        String distributionId = distribution.get("id").asText();

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            chain.hardhat().mine(2); // finality on the local chain comes with blocks
            return api.get("/v1/admin/distributions/" + distributionId, second.accessToken()).json().get("status")
                    .asText().equals("CONFIRMED");
        });
        JsonNode confirmed = api.get("/v1/admin/distributions/" + distributionId, second.accessToken()).json();
        String meters = api.get("/prometheus", null).raw().body();
        assertThat(meters).contains("cadenza_jobs_enqueued_total{type=\"DistributionSweep\"")
                .contains("cadenza_jobs_succeeded_total{type=\"DistributionSweep\"");
        assertThat(confirmed.get("unitsAssigned").asText()).isEqualTo("50200000");
        assertThat(confirmed.get("carriedChange").asText()).isEqualTo("0");

        Ledger ledger = application.context().getBean(Ledger.class);
        Asset token = Asset.token(31337, application.context().getBean(DeploymentManifest.class).stablecoin());
        assertThat(ledger.balance(new LedgerAccount(AccountKind.UNCLAIMED, "offering:" + shares, token)))
                .isEqualTo(50_200_000);
        assertThat(ledger.balance(new LedgerAccount(AccountKind.HOLDER_POOL, "offering:" + shares, token))).isZero();
        // The holder of 250 of 1,000 shares can claim a quarter, as the index says.
        await().atMost(WAIT).until(() -> {
            JsonNode dividends = api.get("/v1/me/dividends", linkedInvestor(api, holder).accessToken()).json();
            return dividends.toString().contains("12550000");
        });

        // The index and the ledger agree once what the chain did is final (the custodial job may be claiming).
        String dividends = "/v1/admin/offerings/" + offering.get("id").asText() + "/dividends";
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            chain.hardhat().mine(2);
            return api.get(dividends, second.accessToken()).json().get("agree").asBoolean();
        });
        assertThat(api.get(dividends, second.accessToken()).json().get("index").get("distributed").asText())
                .isEqualTo("50200000");

        // The holder claims its quarter (and the custodial job its investor's tenth); once final, the ledger moves
        // both from unclaimed to each holder's claimed account.
        chain.claim(holder, shares);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            chain.hardhat().mine(2);
            JsonNode books = api.get(dividends, second.accessToken()).json();
            return books.get("agree").asBoolean() && books.get("index").get("claimed").asText().equals("17570000");
        });
        JsonNode sideBySide = api.get(dividends, second.accessToken()).json();
        assertThat(sideBySide.get("index").get("claimable").asText()).isEqualTo("32630000");
        assertThat(sideBySide.get("ledger").get("confirmed").get("claimable").asText()).isEqualTo("32630000");
        String claimedAccount = "claimed/offering:" + shares + ":holder:" + holder.address().toLowerCase(
                java.util.Locale.ROOT) + "/" + token.code();
        JsonNode accounts = api.get("/v1/admin/ledger/accounts?prefix=" + java.net.URLEncoder.encode(
                "claimed/offering:" + shares + ":holder:" + holder.address().toLowerCase(java.util.Locale.ROOT),
                java.nio.charset.StandardCharsets.UTF_8), second.accessToken()).json();
        assertThat(accounts.get("data")).singleElement().satisfies(account -> {
            assertThat(account.get("code").asText()).isEqualTo(claimedAccount);
            assertThat(account.get("balance").asText()).isEqualTo("12550000");
        });
        JsonNode history = api.get("/v1/admin/ledger/history?account=" + java.net.URLEncoder.encode(claimedAccount,
                java.nio.charset.StandardCharsets.UTF_8), second.accessToken()).json().get("data");
        assertThat(history).singleElement().satisfies(posting -> {
            assertThat(posting.get("businessKey").asText()).startsWith("claim:31337:0x");
            assertThat(posting.get("balanceAfter").asText()).isEqualTo("12550000");
        });
        JsonNode entry = api.get("/v1/admin/ledger/entries/" + history.get(0).get("entryId").asLong(),
                second.accessToken()).json();
        assertThat(entry.get("postings")).hasSize(2);

        // The custodial job claimed for the custodial investor: 100 shares of 50,200 units, 502 cents owed in fiat.
        String payable = "fiat_payable/account:" + custodial.id() + "/USD";
        JsonNode owed = api.get("/v1/admin/ledger/accounts?prefix=" + java.net.URLEncoder.encode(payable,
                java.nio.charset.StandardCharsets.UTF_8), second.accessToken()).json().get("data");
        assertThat(owed).singleElement().satisfies(account ->
                assertThat(account.get("balance").asText()).isEqualTo("502"));

        JsonNode royalties = api.get("/v1/me/royalties", artist.accessToken()).json().get("data");
        assertThat(royalties).hasSize(1);
        assertThat(royalties.get(0).get("gross").asText()).isEqualTo("125.50");
        assertThat(royalties.get(0).get("holderUnits").asText()).isEqualTo("50200000");
        assertThat(royalties.get(0).get("artistUnits").asText()).isEqualTo("75300000");
    }

    /** The custody key of an address the test application derived (its seed is BIP-39's public test vector). */
    private static org.web3j.crypto.Credentials custodyCredentials(String address) {
        io.cadenza.jobs.custody.CustodyKeys keys = new io.cadenza.jobs.custody.CustodyKeys("abandon abandon abandon"
                + " abandon abandon abandon abandon abandon abandon abandon abandon about");
        for (int slot = 0; slot < 10_000; slot++) {
            if (keys.address(slot).equals(address)) {
                return keys.credentials(slot);
            }
        }
        throw new AssertionError("no custody slot derives " + address);
    }

    private static Session linkedInvestor(ApiClient api, TestWallet wallet) {
        Session investor = api.signUp("INVESTOR");
        api.linkWallet(investor, wallet);
        return investor;
    }

    @Test
    void badStatementsAreRefusedWithProblemsAndRecordNothing(TestApplication application) {
        ApiClient api = application.client();
        Session admin = api.admin();
        List<Answer> refused = List.of(
                uploadCsv(api, "ISRC,Amount\nX,1\n", "source=D", admin.accessToken()),
                uploadCsv(api, "ISRC,Period,Amount,Currency\nQZ-NOP-26-00001,2026-10,1.001,USD\n", "source=D",
                        admin.accessToken()),
                uploadCsv(api, "ISRC,Period,Amount,Currency\nQZ-NOP-26-00001,2026-10,1,EUR\n", "source=D",
                        admin.accessToken()),
                uploadCsv(api, "ISRC,Period,Amount,Currency\nQZ-NOP-26-00001,2026-10,1,USD\n", "source=D&rates=EUR:x",
                        admin.accessToken()),
                api.post("/v1/admin/royalty-statements", object("source", "D\u0000", "periodStart", "2026-10",
                        "lines", List.of(object("isrc", "QZ-NOP-26-00001", "amount", 1, "currency", "USD"))),
                        admin.accessToken()),
                api.post("/v1/admin/royalty-statements", object("source", "D", "periodStart", "2026-13",
                        "lines", List.of(object("isrc", "QZ-NOP-26-00001", "amount", 1, "currency", "USD"))),
                        admin.accessToken()),
                api.post("/v1/admin/royalty-statements", object("source", "D", "periodStart", "2026-10",
                        "lines", List.of(object("isrc", "QZ-NOP-26-00001", "amount", "1e999999999",
                                "currency", "USD"))), admin.accessToken()),
                api.post("/v1/admin/royalty-statements", object("source", "D", "periodStart", "2026-10",
                        "lines", List.of()), admin.accessToken()));
        for (Answer answer : refused) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.post("/v1/admin/royalty-statements/" + java.util.UUID.randomUUID() + "/approve", object(),
                admin.accessToken()).status()).isEqualTo(404);
        // Larger than a statement can be: refused, never held in memory whole.
        byte[] huge = new byte[AdminRoyaltyStatementsController.CSV_BYTES_MAX + 1];
        java.util.Arrays.fill(huge, (byte) 'x');
        Answer tooLarge = api.send(api.request("/v1/admin/royalty-statements?source=D", admin.accessToken())
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(huge)));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.problemType()).isEqualTo("payload-too-large");
    }
}
