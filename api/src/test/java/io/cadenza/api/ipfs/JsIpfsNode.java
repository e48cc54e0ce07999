package io.cadenza.api.ipfs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real IPFS node speaking Kubo's RPC (js-ipfs 0.66.1, installed by api/ipfs-node/install.sh), offline, with a
 * repository of its own in a temporary directory, on free loopback ports.
 */
public final class JsIpfsNode implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Path CLI = Path.of("ipfs-node", "node_modules", "ipfs", "src", "cli.js");

    private final Process process;
    private final URI apiUrl;
    private final Path repository;

    private JsIpfsNode(Process process, URI apiUrl, Path repository) {
        this.process = process;
        this.apiUrl = apiUrl;
        this.repository = repository;
    }

    public static JsIpfsNode start() throws Exception {
        if (!Files.exists(CLI)) {
            throw new IllegalStateException(CLI.toAbsolutePath() + " is missing: run api/ipfs-node/install.sh");
        }
        Path repository = Files.createTempDirectory("jsipfs");
        run(repository, List.of("node", CLI.toString(), "init", "--empty-repo"));
        int api = freePort();
        Path configFile = repository.resolve("config");
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(configFile.toFile());
        ObjectNode addresses = (ObjectNode) config.get("Addresses");
        addresses.putArray("Swarm");
        addresses.putArray("Delegates");
        addresses.put("API", "/ip4/127.0.0.1/tcp/" + api);
        addresses.put("Gateway", "/ip4/127.0.0.1/tcp/" + freePort());
        addresses.put("RPC", "/ip4/127.0.0.1/tcp/" + freePort());
        config.putArray("Bootstrap");
        ((ObjectNode) config.get("Discovery").get("MDNS")).put("Enabled", false);
        ((ObjectNode) config.get("Discovery").get("webRTCStar")).put("Enabled", false);
        json.writeValue(configFile.toFile(), config);

        ProcessBuilder daemon = new ProcessBuilder("node", CLI.toString(), "daemon", "--offline",
                "--enable-preload=false").redirectErrorStream(true);
        daemon.environment().put("IPFS_PATH", repository.toString());
        Process process = daemon.start();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                boolean found = false;
                while ((line = output.readLine()) != null) {
                    found |= line.contains("Daemon is ready");
                    if (found) {
                        break;
                    }
                }
                // Keep draining, so that the daemon never blocks on a full pipe.
                CompletableFuture.runAsync(() -> {
                    try {
                        while (output.readLine() != null) {
                            // discard
                        }
                    } catch (IOException ignored) {
                        // the daemon stopped
                    }
                });
                return found;
            } catch (IOException e) {
                return false;
            }
        });
        JsIpfsNode node = new JsIpfsNode(process, URI.create("http://127.0.0.1:" + api), repository);
        try {
            if (!ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the IPFS daemon stopped before it was ready");
            }
        } catch (Exception e) {
            node.close();
            throw e;
        }
        return node;
    }

    public URI apiUrl() {
        return apiUrl;
    }

    /** The node's recursive pins (CIDv1 base32). */
    String pins() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(apiUrl.resolve("/api/v0/pin/ls?type=recursive&cid-base=base32"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws Exception {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var files = Files.walk(repository)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void run(Path repository, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("IPFS_PATH", repository.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
