package io.cadenza.api.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubo RPC client against a real node (js-ipfs): for the sizes around the chunk boundary and a large file, the
 * node's CID equals the one computed here, and the file is pinned.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KuboRpcClientTest {
    private JsIpfsNode node;

    @BeforeAll
    void start() throws Exception {
        node = JsIpfsNode.start();
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 262_144, 262_145, 45 * 1024 * 1024})
    void theNodesCidIsTheLocalCidAndTheFileIsPinned(int size) throws Exception {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        Cid local = new UnixFsImporter().add(new ByteArrayInputStream(content), UnixFsImporter.BlockSink.NONE).root();
        KuboRpcClient client = new KuboRpcClient(node.apiUrl(), null);
        Cid answered = client.add(() -> new ByteArrayInputStream(content), size, "file-" + size);
        assertThat(answered).isEqualTo(local);
        assertThat(node.pins()).contains(local.toString());
    }

    @Test
    void pinningStreamsTheFileFromTheLocalBlockStore() throws Exception {
        FileBlockStore blocks = new FileBlockStore(Files.createTempDirectory("blocks"));
        byte[] content = new byte[1_000_000];
        new Random(7).nextBytes(content);
        Cid root = new UnixFsImporter().add(new ByteArrayInputStream(content), blocks).root();
        new KuboRpcClient(node.apiUrl(), blocks).pin(new PinnedContent(root.toString(), content.length,
                "application/octet-stream"), "from-blocks");
        assertThat(node.pins()).contains(root.toString());
    }

    @Test
    void aNodeAnsweringAnotherCidIsAnError() throws Exception {
        FileBlockStore blocks = new FileBlockStore(Files.createTempDirectory("blocks"));
        byte[] content = "hello world".getBytes(StandardCharsets.UTF_8);
        Cid root = new UnixFsImporter().add(new ByteArrayInputStream(content), blocks).root();
        HttpServer liar = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        liar.createContext("/api/v0/add", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
                byte[] answer = "{\"Name\":\"x\",\"Hash\":\"bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku\",\"Size\":\"0\"}\n"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        liar.start();
        try {
            KuboRpcClient client = new KuboRpcClient(URI.create("http://127.0.0.1:" + liar.getAddress().getPort()),
                    blocks);
            assertThatThrownBy(() -> client.pin(new PinnedContent(root.toString(), content.length, "text/plain"),
                    "x")).hasMessageContaining("computed bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")
                    .hasMessageContaining(root.toString());
        } finally {
            liar.stop(0);
        }
    }
}
