package io.cadenza.api.masters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.api.ipfs.IpfsConfiguration;
import io.cadenza.api.ipfs.JsIpfsNode;
import io.cadenza.api.ipfs.KuboRpcClient;
import io.cadenza.api.ipfs.UnixFsImporter;
import io.cadenza.chain.calls.PlatformCalls;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.chain.outbox.TransactionStatus;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.MultipartBody;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestMedia;
import io.cadenza.api.testing.TestWallet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import io.cadenza.api.ipfs.IpfsConfiguration;
import io.cadenza.api.testing.RecordingFileSync;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Uploading masters through HTTP: files to IPFS with Kubo's CIDs, metadata, registration on chain, and bad input. */
@ExtendWith(TestApplication.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MastersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestApplication application;
    private final ApiClient api;
    private JsIpfsNode ipfs;

    MastersTest(TestApplication application) {
        this.application = application;
        this.api = application.client();
    }

    @BeforeAll
    void startIpfsNode() throws Exception {
        ipfs = JsIpfsNode.start();
    }

    @AfterAll
    void stopIpfsNode() throws Exception {
        ipfs.close();
    }

    @Test
    void anUploadedMasterIsPinnedWithKuboCidsAndRegisteredOnChain() throws Exception {
        Session artist = artistWithWallet();
        byte[] audio = TestMedia.wav(1_500, 1);
        byte[] cover = TestMedia.png(2);
        String isrc = uniqueIsrc();
        Answer created = api.upload("/v1/masters", master(isrc).file("audio", "song.wav", "audio/wav", audio)
                .file("cover", "cover.png", "image/png", cover), artist.accessToken(), Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode master = created.json();
        assertThat(created.header("Location")).isEqualTo("/v1/masters/" + master.get("id").asText());
        assertThat(master.get("isrc").asText()).isEqualTo(isrc);
        assertThat(master.get("royaltySharePercent").asText()).isEqualTo("12.50");
        assertThat(master.get("audio").get("cid").asText()).isEqualTo(kuboCid(audio));
        assertThat(master.get("audio").get("bytes").asLong()).isEqualTo(audio.length);
        assertThat(master.get("audio").get("mediaType").asText()).isEqualTo("audio/wav");
        assertThat(master.get("audio").get("durationMs").asLong()).isEqualTo(1_500);
        assertThat(master.get("cover").get("cid").asText()).isEqualTo(kuboCid(cover));
        assertThat(master.get("status").asText()).isIn("PINNED", "REGISTERING", "REGISTERED");

        // The metadata is ERC-721 JSON pointing at the files, served back with the files by CID.
        String metadataCid = master.get("metadata").get("cid").asText();
        HttpResponse<byte[]> metadataFile = raw("/ipfs/" + metadataCid);
        assertThat(kuboCid(metadataFile.body())).isEqualTo(metadataCid);
        JsonNode metadata = JSON.readTree(metadataFile.body());
        assertThat(metadata.get("name").asText()).isEqualTo("Night Drive");
        assertThat(metadata.get("animation_url").asText()).isEqualTo("ipfs://" + kuboCid(audio));
        assertThat(metadata.get("image").asText()).isEqualTo("ipfs://" + kuboCid(cover));
        assertThat(metadata.get("isrc").asText()).isEqualTo(isrc);
        assertThat(metadata.get("artist").asText()).isEqualTo("The Cadenzas");
        assertThat(metadata.get("duration_ms").asLong()).isEqualTo(1_500);
        assertThat(metadata.get("audio_mime_type").asText()).isEqualTo("audio/wav");
        assertThat(metadata.get("content").get("audio").get("cid").asText()).isEqualTo(kuboCid(audio));
        HttpResponse<byte[]> audioFile = raw("/ipfs/" + kuboCid(audio));
        assertThat(audioFile.body()).isEqualTo(audio);
        assertThat(audioFile.headers().firstValue("Content-Type")).hasValue("audio/wav");

        String id = master.get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/v1/masters/" + id, artist.accessToken()).json().get("status").asText().equals("REGISTERED"));
        JsonNode registered = api.get("/v1/masters/" + id, artist.accessToken()).json();
        assertThat(registered.get("tokenId").asText()).matches("[1-9][0-9]*");
        assertThat(registered.get("failureReason")).isNull();
    }

    @Test
    void everyBlockOfAnUploadAndEveryNameOfItIsSyncedToDiskBeforeTheAnswer() throws Exception {
        RecordingFileSync sync = application.context().getBean(RecordingFileSync.class);
        Path blocks = application.context().getBean(IpfsConfiguration.class).blockDirectoryOrDefault();
        Set<Path> blockFilesBefore = blockFiles(blocks);
        RecordingFileSync.Mark before = sync.mark();
        Session artist = artistWithWallet();
        byte[] audio = TestMedia.wav(10_000, ThreadLocalRandom.current().nextLong()); // 320 kB: new blocks, none shared

        Answer created = api.upload("/v1/masters", master(uniqueIsrc()).file("audio", "song.wav", "audio/wav", audio),
                artist.accessToken(), Map.of());
        // Read at once: whatever is synced after the answer does not count.
        int fileSyncs = sync.filesSyncedSince(before);
        Set<Path> directoriesSynced = sync.directoriesSyncedSince(before);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Set<Path> newBlocks = new HashSet<>(blockFiles(blocks));
        newBlocks.removeAll(blockFilesBefore);
        assertThat(newBlocks).hasSizeGreaterThan(2); // the audio's leaves and root, and the metadata
        assertThat(fileSyncs).as("blocks whose bytes were synced").isGreaterThanOrEqualTo(newBlocks.size());
        assertThat(directoriesSynced).as("the directories naming the new blocks, and the root")
                .contains(blocks.toAbsolutePath())
                .containsAll(newBlocks.stream().map(block -> block.getParent().toAbsolutePath()).toList());
    }

    private static Set<Path> blockFiles(Path blocks) throws IOException {
        try (Stream<Path> files = Files.walk(blocks)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().startsWith("."))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void aFailedRegistrationIsReportedAndARetryMakesOneNewAttemptNotADuplicate() throws Exception {
        // Someone else's master takes the ISRC on chain first: ours must fail at registration, with the reason.
        String isrc = uniqueIsrc();
        TransactionOutbox outbox = application.context().getBean(TransactionOutbox.class);
        String taken = "test:isrc-taken:" + isrc;
        outbox.submit(PlatformCalls.registerMaster(taken, application.context().getBean(DeploymentManifest.class)
                .masterRegistry(), TestWallet.random().address(), "bafkreiothermaster", Isrc.parse(isrc).orElseThrow()
                .hash()));
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.find(taken).orElseThrow().status()
                == TransactionStatus.CONFIRMED);

        Session artist = artistWithWallet();
        Answer created = api.upload("/v1/masters", master(isrc).file("audio", "a.wav", "audio/wav",
                TestMedia.wav(100, 19)), artist.accessToken(), Map.of());
        String path = "/v1/masters/" + created.json().get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get(path, artist.accessToken()).json().get("status").asText().equals("FAILED"));
        JsonNode failed = api.get(path, artist.accessToken()).json();
        assertThat(failed.get("failedStep").asText()).isEqualTo("REGISTRATION");
        assertThat(failed.get("failureReason").asText()).contains("DuplicateIsrc");

        Map<String, String> key = Map.of("Idempotency-Key", "retry-" + isrc);
        Answer retried = api.post(path + "/retry", ApiClient.object(), artist.accessToken(), key);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("status").asText()).isIn("REGISTERING", "FAILED");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get(path, artist.accessToken()).json().get("status").asText().equals("FAILED"));
        String id = created.json().get("id").asText();
        assertThat(outbox.find("master:" + id + ":register:1").orElseThrow().status())
                .isEqualTo(TransactionStatus.FAILED);
        assertThat(outbox.find("master:" + id + ":register:2").orElseThrow().status())
                .isEqualTo(TransactionStatus.FAILED);
        assertThat(outbox.find("master:" + id + ":register:3")).isEmpty();

        // The same retry again (the client never saw the first answer): the first answer, not a third attempt.
        Answer repeated = api.post(path + "/retry", ApiClient.object(), artist.accessToken(), key);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeated.json()).isEqualTo(retried.json());
        assertThat(outbox.find("master:" + id + ":register:3")).isEmpty();
    }

    @Test
    void aCarExportHoldsEveryBlockOfTheFileUnderItsRoot() throws Exception {
        Session artist = artistWithWallet();
        byte[] audio = TestMedia.wav(70_000, 3); // 2.2 MB: nine leaves under one parent
        Answer created = api.upload("/v1/masters", master(uniqueIsrc()).file("audio", "a.wav", "audio/wav", audio),
                artist.accessToken(), Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String cid = created.json().get("audio").get("cid").asText();
        HttpResponse<byte[]> car = raw("/ipfs/" + cid + "?format=car");
        assertThat(car.statusCode()).isEqualTo(200);
        assertThat(car.headers().firstValue("Content-Type")).hasValue("application/vnd.ipld.car");
        CarFile parsed = CarFile.parse(car.body());
        assertThat(parsed.root()).isEqualTo(cid);
        assertThat(parsed.blocks()).hasSize(1 + (audio.length + UnixFsImporter.CHUNK_BYTES - 1)
                / UnixFsImporter.CHUNK_BYTES);
        assertThat(parsed.blocks().getFirst()).isEqualTo(cid);
        assertThat(parsed.allBlocksMatchTheirCids()).isTrue();
    }

    @Test
    void aFileDisguisedByNameAndTypeIsRefusedByItsContent() {
        Session artist = artistWithWallet();
        byte[] notAudio = "this is a text file, whatever its name says".getBytes(StandardCharsets.UTF_8);
        Answer refused = api.upload("/v1/masters", master(uniqueIsrc()).file("audio", "song.wav", "audio/wav",
                notAudio), artist.accessToken(), Map.of());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(415);
        assertThat(refused.problemType()).isEqualTo("unsupported-media-type");
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("audio");

        Answer imageAsAudio = api.upload("/v1/masters", master(uniqueIsrc()).file("audio", "song.mp3", "audio/mpeg",
                TestMedia.png(4)), artist.accessToken(), Map.of());
        assertThat(imageAsAudio.status()).isEqualTo(415);
        Answer audioAsCover = api.upload("/v1/masters", master(uniqueIsrc())
                .file("audio", "song.wav", "audio/wav", TestMedia.wav(100, 5))
                .file("cover", "cover.jpg", "image/jpeg", TestMedia.wav(100, 6)), artist.accessToken(), Map.of());
        assertThat(audioAsCover.status()).isEqualTo(415);
        assertThat(audioAsCover.json().get("errors").findValuesAsText("field")).containsExactly("cover");
    }

    @Test
    void oversizeFilesAreRefusedWhetherTheirLengthIsDeclaredOrStreamed() throws IOException {
        Session artist = artistWithWallet();
        List<Path> blocksBefore = blockFiles();
        byte[] tooLong = TestMedia.wav(300_000, 7); // 9.6 MB, over the 8 MiB the test application allows
        MultipartBody body = master(uniqueIsrc()).file("audio", "long.wav", "audio/wav", tooLong);
        Answer declared = api.upload("/v1/masters", body, artist.accessToken(), Map.of());
        assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
        assertThat(declared.problemType()).isEqualTo("payload-too-large");

        // Chunked: no length up front, so the bound is found while the file streams in.
        Answer streamed = api.send(api.request("/v1/masters", artist.accessToken())
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.bytes()))));
        assertThat(streamed.status()).as(streamed.toString()).isEqualTo(413);
        assertThat(streamed.json().get("errors").findValuesAsText("field")).containsExactly("audio");

        Answer bigCover = api.upload("/v1/masters", master(uniqueIsrc())
                .file("audio", "a.wav", "audio/wav", TestMedia.wav(100, 8))
                .file("cover", "c.png", "image/png", Arrays.copyOf(TestMedia.png(9), 70_000)),
                artist.accessToken(), Map.of());
        assertThat(bigCover.status()).isEqualTo(413);
        assertThat(bigCover.json().get("errors").findValuesAsText("field")).containsExactly("cover");
        assertThat(blockFiles()).as("what the refused uploads had stored is gone").isEqualTo(blocksBefore);
    }

    @Test
    void badFieldsAreReportedTogether() {
        Session artist = artistWithWallet();
        MultipartBody body = new MultipartBody().field("title", " ").field("artistName", "X")
                .field("isrc", "US-ABC-2-123").field("releaseDate", "31/12/2020").field("royaltySharePercent", "150");
        Answer refused = api.upload("/v1/masters", body, artist.accessToken(), Map.of());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsText("field"))
                .containsExactly("audio", "isrc", "releaseDate", "royaltySharePercent", "title");

        for (String isrc : new String[] {"USABC2012345", "U1-ABC-20-12345", "US-AB-20-12345", "US-ABC-20-1234X"}) {
            if (isrc.equals("USABC2012345")) {
                continue; // compact form without hyphens: valid, covered below
            }
            Answer badIsrc = api.upload("/v1/masters", master(isrc).file("audio", "a.wav", "audio/wav",
                    TestMedia.wav(100, 10)), artist.accessToken(), Map.of());
            assertThat(badIsrc.status()).as(isrc).isEqualTo(400);
            assertThat(badIsrc.json().get("errors").findValuesAsText("field")).as(isrc).containsExactly("isrc");
        }
        String compact = uniqueIsrc().replace("-", "").toLowerCase();
        Answer compactIsrc = api.upload("/v1/masters", master(compact).file("audio", "a.wav", "audio/wav",
                TestMedia.wav(100, 11)), artist.accessToken(), Map.of());
        assertThat(compactIsrc.status()).as(compactIsrc.toString()).isEqualTo(201);
        assertThat(compactIsrc.json().get("isrc").asText()).matches("[A-Z]{2}-[A-Z0-9]{3}-[0-9]{2}-[0-9]{5}");

        Answer notMultipart = api.post("/v1/masters", ApiClient.object("title", "x"), artist.accessToken());
        assertThat(notMultipart.status()).isEqualTo(415);
        Answer unknownField = api.upload("/v1/masters", master(uniqueIsrc()).field("price", "1"),
                artist.accessToken(), Map.of());
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("errors").findValuesAsText("field")).containsExactly("price");
    }

    @Test
    void anIsrcHoldsOneMaster() throws IOException {
        Session artist = artistWithWallet();
        String isrc = uniqueIsrc();
        byte[] audio = TestMedia.wav(100, 12);
        assertThat(api.upload("/v1/masters", master(isrc).file("audio", "a.wav", "audio/wav", audio),
                artist.accessToken(), Map.of()).status()).isEqualTo(201);
        List<Path> blocksBefore = blockFiles();
        Answer again = api.upload("/v1/masters", master(isrc).file("audio", "b.wav", "audio/wav",
                TestMedia.wav(100, 13)), artistWithWallet().accessToken(), Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemType()).isEqualTo("isrc-taken");
        // The same audio refused for its ISRC: its blocks are the first master's, and stay.
        Answer sameAudio = api.upload("/v1/masters", master(isrc).file("audio", "a.wav", "audio/wav", audio),
                artistWithWallet().accessToken(), Map.of());
        assertThat(sameAudio.status()).isEqualTo(409);
        assertThat(blockFiles()).as("the refused uploads' own blocks are gone, the shared ones stay")
                .isEqualTo(blocksBefore);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherRequest() {
        Session artist = artistWithWallet();
        byte[] audio = TestMedia.wav(200, 14);
        String isrc = uniqueIsrc();
        Map<String, String> key = Map.of("Idempotency-Key", "upload-" + isrc);
        Answer first = api.upload("/v1/masters", master(isrc).file("audio", "a.wav", "audio/wav", audio),
                artist.accessToken(), key);
        Answer retry = api.upload("/v1/masters", master(isrc).file("audio", "a.wav", "audio/wav", audio),
                artist.accessToken(), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));

        Answer other = api.upload("/v1/masters", master(isrc).file("audio", "a.wav", "audio/wav",
                TestMedia.wav(200, 15)), artist.accessToken(), key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.problemType()).isEqualTo("idempotency-key-reused");
    }

    @Test
    void mastersAreTheirArtistsAndAnArtistNeedsAWallet() {
        Session owner = artistWithWallet();
        Answer created = api.upload("/v1/masters", master(uniqueIsrc()).file("audio", "a.wav", "audio/wav",
                TestMedia.wav(100, 16)), owner.accessToken(), Map.of());
        String path = "/v1/masters/" + created.json().get("id").asText();
        assertThat(api.get(path, owner.accessToken()).status()).isEqualTo(200);
        assertThat(api.get(path, artistWithWallet().accessToken()).status()).isEqualTo(404);
        assertThat(api.get(path, api.signUp("INVESTOR").accessToken()).status()).isEqualTo(403);
        assertThat(api.get(path, api.admin().accessToken()).status()).isEqualTo(200);
        assertThat(api.get(path, null).status()).isEqualTo(401);
        assertThat(api.get("/v1/masters", owner.accessToken()).json().get("data").findValuesAsText("id"))
                .containsExactly(created.json().get("id").asText());

        Session walletless = api.signUp("ARTIST");
        Answer refused = api.upload("/v1/masters", master(uniqueIsrc()).file("audio", "a.wav", "audio/wav",
                TestMedia.wav(100, 17)), walletless.accessToken(), Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("wallet");
        Answer investor = api.upload("/v1/masters", master(uniqueIsrc()).file("audio", "a.wav", "audio/wav",
                TestMedia.wav(100, 18)), api.signUp("INVESTOR").accessToken(), Map.of());
        assertThat(investor.status()).isEqualTo(403);
    }

    @Test
    void theMastersListPagesByCursor() {
        Session artist = artistWithWallet();
        for (int index = 0; index < 3; index++) {
            assertThat(api.upload("/v1/masters", master(uniqueIsrc()).file("audio", "a.wav", "audio/wav",
                    TestMedia.wav(100, 100 + index)), artist.accessToken(), Map.of()).status()).isEqualTo(201);
        }
        Answer first = api.get("/v1/masters?limit=2", artist.accessToken());
        assertThat(first.json().get("data").size()).isEqualTo(2);
        String cursor = first.json().get("nextCursor").asText();
        Answer second = api.get("/v1/masters?limit=2&cursor=" + cursor, artist.accessToken());
        assertThat(second.json().get("data").size()).isEqualTo(1);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        assertThat(api.get("/v1/masters?cursor=bogus", artist.accessToken()).status()).isEqualTo(400);
        assertThat(api.get("/v1/masters?limit=0", artist.accessToken()).status()).isEqualTo(400);
    }

    /** The block store's files, sorted. */
    private List<Path> blockFiles() throws IOException {
        Path directory = application.context().getBean(IpfsConfiguration.class).blockDirectoryOrDefault();
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private Session artistWithWallet() {
        Session artist = api.signUp("ARTIST");
        api.linkWallet(artist, TestWallet.random());
        return artist;
    }

    private static MultipartBody master(String isrc) {
        return new MultipartBody().field("title", "Night Drive").field("artistName", "The Cadenzas")
                .field("isrc", isrc).field("releaseDate", "2026-05-01").field("royaltySharePercent", "12.5");
    }

    static String uniqueIsrc() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("QZ-C%02d-26-%05d", random.nextInt(100), random.nextInt(100_000));
    }

    private HttpResponse<byte[]> raw(String path) throws Exception {
        return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(api.request(path, null).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The CID a real IPFS node (js-ipfs, Kubo's defaults) gives the content: the reference, not our importer. */
    private String kuboCid(byte[] content) throws Exception {
        return new KuboRpcClient(ipfs.apiUrl(), null)
                .add(() -> new ByteArrayInputStream(content), content.length, "expected").toString();
    }
}
