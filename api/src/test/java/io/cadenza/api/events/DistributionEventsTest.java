package io.cadenza.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.ChainActions;
import io.cadenza.api.testing.SseStream;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestWallet;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A distribution tells every holder, a bounded number per projection pass (the test application tells one holder per
 * pass, see TestApplication): each pass goes on after the last holder told, so every holder hears of it exactly once.
 */
@ExtendWith(TestApplication.Extension.class)
class DistributionEventsTest {
    private static final Duration WAIT = CatalogFixtures.CHAIN_WAIT;
    private static final int HOLDERS = 4;

    @Test
    void everyHolderHearsOfADistributionOnceThoughAPassTellsOneHolder(TestApplication application) throws Exception {
        ApiClient api = application.client();
        ChainActions chain = new ChainActions(application);
        CatalogFixtures catalog = new CatalogFixtures(api);
        JsonNode live = catalog.liveOffering(catalog.artist(), 1_000);

        List<Session> investors = new ArrayList<>();
        for (int index = 0; index < HOLDERS; index++) {
            Session investor = api.signUp("INVESTOR");
            TestWallet wallet = chain.fundedWallet();
            api.linkWallet(investor, wallet);
            chain.buy(wallet, live.get("saleAddress").asText(), 10 + index,
                    new BigInteger(CatalogFixtures.PRICE_PER_SHARE));
            investors.add(investor);
        }
        chain.distribute(live.get("sharesAddress").asText(), BigInteger.valueOf(1_000_000));

        List<SseStream> streams = new ArrayList<>();
        try {
            for (Session investor : investors) {
                streams.add(new SseStream(application.uri().resolve("/v1/events"), investor.accessToken(), "0"));
            }
            await().atMost(WAIT).until(() -> streams.stream()
                    .allMatch(events -> events.names().contains("dividend.distributed")));
            for (SseStream events : streams) {
                assertThat(events.names().stream().filter("dividend.distributed"::equals)).hasSize(1);
            }
        } finally {
            streams.forEach(SseStream::close);
        }
    }
}
