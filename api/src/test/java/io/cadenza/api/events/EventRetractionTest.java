package io.cadenza.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.ChainActions;
import io.cadenza.api.testing.SseStream;
import io.cadenza.api.testing.SseStream.SseEvent;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestWallet;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.chain.outbox.TransactionStatus;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A purchase streamed from a block that a reorg then removes is withdrawn with an {@code event.retracted} naming it;
 * the same purchase mined again in the new chain is streamed anew.
 */
@ExtendWith(TestApplication.Extension.class)
class EventRetractionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = CatalogFixtures.CHAIN_WAIT;
    private static final BigInteger PRICE = new BigInteger(CatalogFixtures.PRICE_PER_SHARE);

    @Test
    void aPurchaseReorgedAwayIsRetractedAndStreamedAgainWhenMinedAgain(TestApplication application) throws Exception {
        ApiClient api = application.client();
        CatalogFixtures catalog = new CatalogFixtures(api);
        ChainActions chain = new ChainActions(application);
        Session artist = catalog.artist();
        JsonNode offering = catalog.liveOffering(artist, 1_000);
        String sale = offering.get("saleAddress").asText();
        Session investor = api.signUp("INVESTOR");
        TestWallet wallet = chain.fundedWallet();
        api.linkWallet(investor, wallet);
        chain.payFor(wallet, sale, 10, PRICE);
        awaitOutboxIdle(application.context().getBean(TransactionOutbox.class));

        try (SseStream events = new SseStream(application.uri().resolve("/v1/events"), investor.accessToken(), null)) {
            // Only the buyer's own transaction lies in the branch that is thrown away: nothing else's nonce moves.
            String beforePurchase = chain.hardhat().snapshot();
            chain.buyPaidFor(wallet, sale, 10);
            SseEvent purchase = await().atMost(WAIT).until(() -> only(events, "purchase.confirmed"),
                    found -> found.size() == 1).getFirst();

            chain.hardhat().revert(beforePurchase);
            chain.hardhat().mine(3); // a longer chain without the purchase
            SseEvent retraction = await().atMost(WAIT).until(() -> only(events, AccountEvents.RETRACTED),
                    found -> found.size() == 1).getFirst();
            JsonNode retracted = JSON.readTree(retraction.data());
            assertThat(retracted.get("eventId").asText()).isEqualTo(purchase.id());
            assertThat(retracted.get("type").asText()).isEqualTo("purchase.confirmed");
            assertThat(retracted.get("reason").asText()).isEqualTo("reorg");
            assertThat(retracted.get("blockNumber").asLong())
                    .isEqualTo(JSON.readTree(purchase.data()).get("blockNumber").asLong());
            assertThat(Long.parseLong(retraction.id())).isGreaterThan(Long.parseLong(purchase.id()));
            await().atMost(WAIT).until(() -> api.get("/v1/me/holdings", investor.accessToken()).json().get("data")
                    .isEmpty());

            chain.buyPaidFor(wallet, sale, 10); // the same purchase, mined in the new chain
            List<SseEvent> purchases = await().atMost(WAIT).until(() -> only(events, "purchase.confirmed"),
                    found -> found.size() == 2);
            assertThat(Long.parseLong(purchases.getLast().id())).isGreaterThan(Long.parseLong(retraction.id()));
            assertThat(only(events, AccountEvents.RETRACTED)).hasSize(1);
        }
    }

    private static List<SseEvent> only(SseStream events, String name) {
        return events.events().stream().filter(event -> name.equals(event.name())).toList();
    }

    /** Nothing the outbox sent may sit in the branch the test throws away. */
    private static void awaitOutboxIdle(TransactionOutbox outbox) {
        await().atMost(WAIT).until(() -> List.of(TransactionStatus.PENDING, TransactionStatus.SIGNED,
                TransactionStatus.BROADCAST).stream().allMatch(status -> outbox.page(status, Long.MAX_VALUE, 1)
                        .isEmpty()));
    }
}
