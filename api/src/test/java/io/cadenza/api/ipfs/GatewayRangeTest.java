package io.cadenza.api.ipfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.MultipartBody;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestMedia;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What players and caches need of GET /ipfs/{cid}: byte ranges to seek, the CID as a validator. */
@ExtendWith(TestApplication.Extension.class)
class GatewayRangeTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final ApiClient api;
    private final byte[] audio = TestMedia.wav(70_000, 77); // 2.2 MB: nine leaves
    private final String path;

    GatewayRangeTest(TestApplication application) throws Exception {
        this.api = application.client();
        ApiClient.Session artist = new CatalogFixtures(api).artist();
        Answer created = api.upload("/v1/masters", new MultipartBody().field("title", "Seek").field("artistName", "A")
                .field("isrc", CatalogFixtures.uniqueIsrc()).field("releaseDate", "2026-01-01")
                .field("royaltySharePercent", "10").file("audio", "seek.wav", "audio/wav", audio),
                artist.accessToken(), Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        this.path = "/ipfs/" + created.json().get("audio").get("cid").asText();
    }

    @Test
    void aSingleRangeIsAnsweredWithJustThoseBytes() throws Exception {
        HttpResponse<byte[]> middle = get("Range", "bytes=262140-524300"); // across two leaves
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 262140-524300/" + audio.length);
        assertThat(middle.headers().firstValueAsLong("Content-Length")).hasValue(524300 - 262140 + 1);
        assertThat(middle.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(audio, 262140, 524301));

        HttpResponse<byte[]> tail = get("Range", "bytes=-1000");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(audio, audio.length - 1000, audio.length));

        HttpResponse<byte[]> rest = get("Range", "bytes=2000000-");
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(audio, 2_000_000, audio.length));
    }

    @Test
    void everyAnswerTellsBrowsersNotToSniffOrRunTheFile() throws Exception {
        HttpResponse<byte[]> file = get("Range", "bytes=0-9");
        HttpResponse<byte[]> missing = HTTP.send(HttpRequest.newBuilder(api.request(
                "/ipfs/bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e", null).build().uri()).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(missing.statusCode()).isEqualTo(404);
        for (HttpResponse<byte[]> answer : java.util.List.of(file, missing)) {
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Content-Security-Policy")).get(
                    org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .contains("default-src 'none'").contains("sandbox").contains("frame-ancestors 'none'");
        }
    }

    @Test
    void withoutOneRangeTheWholeFileIsAnsweredAndPastTheEndIsRefused() throws Exception {
        HttpResponse<byte[]> whole = get("Range", "bytes=0-1,5-9");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.body()).isEqualTo(audio);

        HttpResponse<byte[]> past = get("Range", "bytes=" + audio.length + "-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */" + audio.length);
        assertThat(past.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(new ObjectMapper().readTree(past.body()).get("type").asText()).endsWith("/range-not-satisfiable");
    }

    @Test
    void theCidIsTheValidator() throws Exception {
        HttpResponse<byte[]> first = get("Accept", "*/*");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");

        HttpResponse<byte[]> again = get("If-None-Match", "\"other\", " + etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("If-None-Match", "\"other\"").statusCode()).isEqualTo(200);

        HttpResponse<Void> head = HTTP.send(api.request(path, null).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(audio.length);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(head.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(head.headers().firstValue("ETag")).hasValue(etag);
    }

    private HttpResponse<byte[]> get(String header, String value) throws Exception {
        return HTTP.send(api.request(path, null).header(header, value).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
