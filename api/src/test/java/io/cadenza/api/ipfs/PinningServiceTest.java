package io.cadenza.api.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.MultipartBody;
import io.cadenza.api.testing.TestMedia;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.api.testing.TestWallet;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Pinning Service API client against a stub that follows the spec, alone and as the application's backend. */
@ExtendWith(TestServicesExtension.class)
class PinningServiceTest {
    private static final PinnedContent CONTENT = new PinnedContent(
            "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e", 11, "text/plain");

    @Test
    void aPinIsRequestedOnceAndReportedPendingUntilTheServiceHasPinnedIt() throws Exception {
        try (PinningServiceStub stub = new PinningServiceStub()) {
            PinningServiceClient client = new PinningServiceClient(stub.uri(), PinningServiceStub.TOKEN,
                    List.of("/ip4/127.0.0.1/tcp/4001"), JsonMapper.createDefault());
            assertThatThrownBy(() -> client.pin(CONTENT, "hello")).isInstanceOf(RemotePin.PinPendingException.class);
            assertThatThrownBy(() -> client.pin(CONTENT, "hello")).isInstanceOf(RemotePin.PinPendingException.class);
            client.pin(CONTENT, "hello");
            client.pin(CONTENT, "hello");
            assertThat(stub.posts.get()).isEqualTo(1);
            assertThat(stub.pinnedCids()).containsExactly(CONTENT.cid());
        }
    }

    @Test
    void aRefusedTokenIsAnErrorNotAPendingPin() throws Exception {
        try (PinningServiceStub stub = new PinningServiceStub()) {
            PinningServiceClient client = new PinningServiceClient(stub.uri(), "wrong token", List.of(),
                    JsonMapper.createDefault());
            assertThatThrownBy(() -> client.pin(CONTENT, "hello")).isInstanceOf(IOException.class)
                    .isNotInstanceOf(RemotePin.PinPendingException.class).hasMessageContaining("401")
                    .hasMessageContaining("UNAUTHORIZED").hasMessageNotContaining("wrong token");
        }
    }

    @Test
    void anApplicationOnAPinningServiceRegistersAMasterOnceItsFilesArePinned(TestServices services)
            throws Exception {
        try (PinningServiceStub stub = new PinningServiceStub(); TestRedis redis = new TestRedis()) {
            try (EmbeddedServer server = ExternalServices.application(services, redis.uri(), Map.of(
                    "cadenza.ipfs.pinning-service-url", stub.uri().toString(),
                    "cadenza.ipfs.pinning-service-token", PinningServiceStub.TOKEN))) {
                ApiClient api = new ApiClient(server.getURI());
                ApiClient.Session artist = api.signUp("ARTIST");
                api.linkWallet(artist, TestWallet.random());
                Answer created = api.upload("/v1/masters", new MultipartBody().field("title", "Pinned")
                        .field("artistName", "Stub").field("isrc", CatalogFixtures.uniqueIsrc())
                        .field("releaseDate", "2026-02-02").field("royaltySharePercent", "10")
                        .file("audio", "a.wav", "audio/wav", TestMedia.wav(300, 77)), artist.accessToken(), Map.of());
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                assertThat(created.json().get("status").asText()).isEqualTo("DRAFT");
                String path = "/v1/masters/" + created.json().get("id").asText();
                await().atMost(Duration.ofSeconds(30)).until(() -> !api.get(path, artist.accessToken()).json()
                        .get("status").asText().equals("DRAFT"));
                assertThat(stub.pinnedCids()).contains(created.json().get("audio").get("cid").asText(),
                        created.json().get("metadata").get("cid").asText());
                assertThat(stub.posts.get()).isEqualTo(2);
            }
        }
    }
}
