package io.cadenza.api.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.MultipartBody;
import io.cadenza.api.testing.TestMedia;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.api.testing.TestWallet;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An application configured with a Kubo RPC node pins every file of a master there, under the local CIDs. */
@ExtendWith(TestServicesExtension.class)
class KuboBackendTest {
    @Test
    void anUploadedMastersFilesArePinnedOnTheNode(TestServices services) throws Exception {
        try (JsIpfsNode node = JsIpfsNode.start(); TestRedis redis = new TestRedis()) {
            try (EmbeddedServer server = ExternalServices.application(services, redis.uri(),
                    Map.of("cadenza.ipfs.kubo-api-url", node.apiUrl().toString()))) {
                ApiClient api = new ApiClient(server.getURI());
                ApiClient.Session artist = api.signUp("ARTIST");
                api.linkWallet(artist, TestWallet.random());
                Answer created = api.upload("/v1/masters", new MultipartBody().field("title", "On Kubo")
                        .field("artistName", "Node").field("isrc", CatalogFixtures.uniqueIsrc())
                        .field("releaseDate", "2026-02-02").field("royaltySharePercent", "10")
                        .file("audio", "a.wav", "audio/wav", TestMedia.wav(20_000, 78))
                        .file("cover", "c.png", "image/png", TestMedia.png(78)), artist.accessToken(), Map.of());
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                String path = "/v1/masters/" + created.json().get("id").asText();
                await().atMost(Duration.ofSeconds(30)).until(() -> !api.get(path, artist.accessToken()).json()
                        .get("status").asText().equals("DRAFT"));
                assertThat(node.pins()).contains(created.json().get("audio").get("cid").asText(),
                        created.json().get("cover").get("cid").asText(),
                        created.json().get("metadata").get("cid").asText());
            }
        }
    }
}
