package io.cadenza.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The OpenAPI spec and its browsable UI are served, to anyone, from the application itself (no CDN). */
@ExtendWith(TestApplication.Extension.class)
class OpenApiTest {
    @Test
    void theSpecDescribesEveryRouteAndTheUiIsServedLocally(TestApplication application) {
        ApiClient api = application.client();
        Answer spec = api.get("/swagger/cadenza-v1.yml", null);
        assertThat(spec.status()).isEqualTo(200);
        String yaml = spec.raw().body();
        assertThat(yaml).startsWith("openapi: 3.");
        for (String path : new String[] {"/v1/accounts:", "/v1/sessions:", "/v1/wallets/challenge:", "/v1/wallets:",
                "/v1/masters:", "/v1/masters/{id}:", "/v1/masters/{masterId}/offerings:", "/v1/offerings/{id}:",
                "/v1/offerings/{id}/cap-table:", "/v1/me/holdings:", "/v1/me/dividends:", "/v1/events:",
                "/v1/admin/outbox:", "/ipfs/{cid}:"}) {
            assertThat(yaml).as(path).contains("\n  " + path + "\n");
        }
        assertThat(yaml).contains("bearerFormat: JWT").contains("MasterUpload:");

        Answer ui = api.get("/swagger-ui/index.html", null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.raw().body()).contains("swagger-ui").doesNotContain("unpkg.com").doesNotContain("cdn.");
        assertThat(api.get("/swagger-ui/res/swagger-ui-bundle.js", null).status()).isEqualTo(200);
    }
}
