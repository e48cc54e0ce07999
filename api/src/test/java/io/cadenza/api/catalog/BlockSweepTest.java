package io.cadenza.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.ipfs.BlockStore;
import io.cadenza.api.ipfs.Cid;
import io.cadenza.api.ipfs.IpfsConfiguration;
import io.cadenza.api.ipfs.UnixFsFileStream;
import io.cadenza.api.ipfs.UnixFsImporter;
import io.cadenza.api.masters.MasterStore;
import io.cadenza.api.masters.StoredFile;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.MultipartBody;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestMedia;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The block sweep removes what no master or pin reaches, and every file of every master stays whole. */
@ExtendWith(TestApplication.Extension.class)
class BlockSweepTest {
    @Test
    void blocksNothingReachesGoAndEveryMastersFilesStay(TestApplication application) throws Exception {
        ApiClient api = application.client();
        byte[] audio = TestMedia.wav(70_000, 91); // nine leaves under a parent
        byte[] cover = TestMedia.png(91);
        Answer created = api.upload("/v1/masters", new MultipartBody().field("title", "Kept").field("artistName", "A")
                .field("isrc", CatalogFixtures.uniqueIsrc()).field("releaseDate", "2026-01-01")
                .field("royaltySharePercent", "10").file("audio", "kept.wav", "audio/wav", audio)
                .file("cover", "kept.png", "image/png", cover), new CatalogFixtures(api).artist().accessToken(), Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        // What a process dying mid-upload leaves: blocks no master names.
        BlockStore blocks = application.context().getBean(BlockStore.class);
        byte[] lost = new byte[3 * UnixFsImporter.CHUNK_BYTES];
        new Random(92).nextBytes(lost);
        UnixFsImporter.ImportedFile orphan = new UnixFsImporter().add(new ByteArrayInputStream(lost), blocks);
        Path directory = application.context().getBean(IpfsConfiguration.class).blockDirectoryOrDefault();
        ageEveryBlock(directory);

        BlockStore.SweepResult swept = application.context().getBean(BlockSweep.class).sweep();

        assertThat(swept.blocksRemoved()).isGreaterThanOrEqualTo(4);
        assertThat(blocks.has(orphan.root())).isFalse();
        // Every file of every master of the application (this test's and the other tests'), read whole.
        List<StoredFile> files = application.context().getBean(MasterStore.class).allFiles();
        assertThat(files).isNotEmpty();
        for (StoredFile file : files) {
            try (InputStream read = new UnixFsFileStream(blocks, Cid.parse(file.cid()))) {
                assertThat(read.transferTo(OutputStream.nullOutputStream())).as(file.toString()).isEqualTo(file.bytes());
            }
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        JsonNode master = created.json();
        assertThat(get(http, api, master.get("audio").get("cid").asText())).isEqualTo(audio);
        assertThat(get(http, api, master.get("cover").get("cid").asText())).isEqualTo(cover);
        assertThat(get(http, api, master.get("metadata").get("cid").asText())).isNotEmpty();
    }

    private static byte[] get(HttpClient http, ApiClient api, String cid) throws Exception {
        HttpResponse<byte[]> answer = http.send(api.request("/ipfs/" + cid, null).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(cid).isEqualTo(200);
        return answer.body();
    }

    private static void ageEveryBlock(Path directory) throws Exception {
        FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, twoDaysAgo);
            }
        }
    }
}
