package io.cadenza.chain.devnode;

import io.cadenza.chain.config.SignerKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hardhat node started from contracts/ on 127.0.0.1, for development and tests.
 *
 * <p>The node runs in its own session (setsid) under a small bash watchdog that reads the JVM's end of a pipe: when
 * this JVM exits, even by SIGKILL, the pipe closes and the watchdog stops the node. No node is left behind.
 */
public final class HardhatNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HardhatNode.class);
    /** Covers a first start that installs Node 22 and the npm packages (about a minute here); a warm start takes 1 s. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READY_POLL_INTERVAL = Duration.ofMillis(100);
    /** Hardhat's well-known development accounts, from its default mnemonic. Public test keys: never hold value. */
    private static final List<String> DEV_ACCOUNT_KEYS = List.of(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
            "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
            "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
            "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
            "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
            "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
            "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
            "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");

    private final Process process;
    private final URI rpcUrl;

    private HardhatNode(Process process, URI rpcUrl) {
        this.process = process;
        this.rpcUrl = rpcUrl;
    }

    /** Starts a node on a free loopback port and waits until it answers JSON-RPC. */
    public static HardhatNode start(ContractsProject project, Path logFile) throws IOException {
        int port = freePort();
        Path log = logFile.toAbsolutePath();
        Files.createDirectories(log.getParent());
        // The watchdog lives exactly as long as the node: it exits when the node does (so a failed start shows at
        // once), and a reader of our pipe stops the node when the pipe closes. The pipe is passed on fd 3 because
        // bash gives background jobs /dev/null as stdin.
        String script = "exec 3<&0; '" + project.buildScript() + "' node 127.0.0.1 " + port + " >> '" + log
                + "' 2>&1 < /dev/null & node_pid=$!; { read -r _ <&3; kill -TERM $node_pid 2>/dev/null; } & "
                + "wait $node_pid";
        Process process = new ProcessBuilder("setsid", "bash", "-c", script)
                .directory(project.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        HardhatNode node = new HardhatNode(process, URI.create("http://127.0.0.1:" + port));
        try {
            node.awaitReady(log);
        } catch (IOException | RuntimeException failure) {
            node.close();
            throw failure;
        }
        LOG.info("Hardhat node ready at {} (log: {})", node.rpcUrl, log);
        return node;
    }

    public URI rpcUrl() {
        return rpcUrl;
    }

    /** Hardhat's development account {@code index} (0 to 9); account 0 is the platform operator in dev. */
    public static SignerKey devAccount(int index) {
        return SignerKey.parse(DEV_ACCOUNT_KEYS.get(index));
    }

    public static int devAccountCount() {
        return DEV_ACCOUNT_KEYS.size();
    }

    private void awaitReady(Path logFile) throws IOException {
        // HTTP/1.1: the JDK client's default h2c upgrade on a POST goes unanswered by Hardhat's server.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest chainIdRequest = HttpRequest.newBuilder(rpcUrl)
                .timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("the Hardhat node exited while starting; see " + logFile);
            }
            try {
                HttpResponse<String> response = http.send(chainIdRequest, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"result\"")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // The node is still starting; poll again until the deadline.
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the Hardhat node", interrupted);
            }
            sleep(READY_POLL_INTERVAL);
        }
        throw new IOException("the Hardhat node did not answer within " + START_TIMEOUT + "; see " + logFile);
    }

    /** Stops the node and everything it started; waits for them to exit. */
    @Override
    public void close() {
        try (OutputStream watchdogInput = process.getOutputStream()) {
            // Closing the pipe lets the watchdog's reader return; it then stops the node, and the watchdog exits with it.
            watchdogInput.flush();
        } catch (IOException alreadyClosed) {
            // The watchdog is gone already; the forced path below still cleans up.
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the Hardhat node did not stop within {}; killing its process group", STOP_TIMEOUT);
                killProcessGroup();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException interrupted) {
            killProcessGroup();
            Thread.currentThread().interrupt();
        }
    }

    private void killProcessGroup() {
        // setsid made the watchdog a session and group leader: its pid is the group id.
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).inheritIO().start().waitFor();
        } catch (IOException | InterruptedException failure) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the Hardhat node", interrupted);
        }
    }
}
