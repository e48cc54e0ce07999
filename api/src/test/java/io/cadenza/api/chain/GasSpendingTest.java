package io.cadenza.api.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.TestApplication;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's gas is accounted for: each intent names the account that caused it, its receipt's gas and price are
 * kept, and admins read what was spent per day and per account; today's totals are gauges on /prometheus.
 */
@ExtendWith(TestApplication.Extension.class)
class GasSpendingTest {

    @Test
    void anArtistsRegistrationIsCountedAgainstThemPerDayAndInTodaysGauges(TestApplication application) {
        ApiClient api = application.client();
        CatalogFixtures catalog = new CatalogFixtures(api);
        Session artist = catalog.artist();
        catalog.registeredMaster(artist);
        Session admin = api.admin();

        JsonNode report = await().atMost(CatalogFixtures.CHAIN_WAIT).until(
                () -> api.get("/v1/admin/gas-spending?days=1", admin.accessToken()).json(),
                body -> spentBy(body, "account:" + artist.id()).isPresent());
        JsonNode mine = spentBy(report, "account:" + artist.id()).orElseThrow();
        assertThat(mine.get("transactions").asLong()).isEqualTo(1);
        assertThat(mine.get("gasUsed").asLong()).isBetween(100_000L, 300_000L); // register: ~165k
        assertThat(new BigInteger(mine.get("weiSpent").asText())).isPositive();
        JsonNode today = report.get("days").get(report.get("days").size() - 1);
        assertThat(today.get("day").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(today.get("gasUsed").asLong()).isGreaterThanOrEqualTo(mine.get("gasUsed").asLong());

        application.context().getBean(OutboxMetrics.class).refresh();
        String scraped = api.get("/prometheus", null).raw().body();
        assertThat(scraped).containsPattern("cadenza_outbox_gas_used_today [1-9]")
                .containsPattern("cadenza_outbox_gas_spent_today_wei [1-9]");
        assertThat(api.get("/v1/admin/gas-spending?days=0", admin.accessToken()).status()).isEqualTo(400);
        assertThat(api.get("/v1/admin/gas-spending", artist.accessToken()).status()).isEqualTo(403);
    }

    private static Optional<JsonNode> spentBy(JsonNode report, String requester) {
        return StreamSupport.stream(report.get("byAccount").spliterator(), false)
                .filter(entry -> requester.equals(entry.path("requestedBy").asText(null))).findFirst();
    }
}
