package io.cadenza.indexer.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON-RPC proxy in front of the test node that misbehaves as providers do: JSON-RPC errors, HTTP errors, answers
 * later than the client waits, eth_getLogs refused above a block range or a result size, and the whole node gone.
 */
public final class FaultyRpcProxy implements AutoCloseable {
    private static final Pattern FROM_BLOCK = Pattern.compile("\"fromBlock\"\\s*:\\s*\"(0x[0-9a-fA-F]+)\"");
    private static final Pattern TO_BLOCK = Pattern.compile("\"toBlock\"\\s*:\\s*\"(0x[0-9a-fA-F]+)\"");
    private static final Pattern LOG_INDEX = Pattern.compile("\"logIndex\"");
    private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([A-Za-z0-9_]+)\"");

    private final URI node;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Random random;
    private final AtomicInteger faultsInjected = new AtomicInteger();
    private final AtomicInteger capsEnforced = new AtomicInteger();
    private final java.util.Map<String, AtomicInteger> requestsByMethod =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile double rpcErrorRate;
    private volatile double httpErrorRate;
    private volatile double delayRate;
    private volatile Duration delay = Duration.ZERO;
    private volatile int blockRangeCap = Integer.MAX_VALUE;
    private volatile int logsCap = Integer.MAX_VALUE;
    private volatile boolean down;

    public FaultyRpcProxy(URI node, long seed) throws IOException {
        this.node = node;
        this.random = new Random(seed);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public FaultyRpcProxy rpcErrors(double rate) {
        this.rpcErrorRate = rate;
        return this;
    }

    public FaultyRpcProxy httpErrors(double rate) {
        this.httpErrorRate = rate;
        return this;
    }

    public FaultyRpcProxy delays(double rate, Duration delay) {
        this.delayRate = rate;
        this.delay = delay;
        return this;
    }

    /** eth_getLogs over more blocks than this is refused, as "exceed maximum block range". */
    public FaultyRpcProxy blockRangeCap(int blocks) {
        this.blockRangeCap = blocks;
        return this;
    }

    /** eth_getLogs answering more logs than this is refused, as "query returned more than N results". */
    public FaultyRpcProxy logsCap(int logs) {
        this.logsCap = logs;
        return this;
    }

    /** Stops every fault and cap. */
    public void heal() {
        rpcErrorRate = 0;
        httpErrorRate = 0;
        delayRate = 0;
        blockRangeCap = Integer.MAX_VALUE;
        logsCap = Integer.MAX_VALUE;
        down = false;
    }

    /** Every request gets an HTTP 502, as from a gateway whose node is gone, until set back. */
    public void setDown(boolean down) {
        this.down = down;
    }

    public int faultsInjected() {
        return faultsInjected.get();
    }

    public int capsEnforced() {
        return capsEnforced.get();
    }

    /** Requests forwarded so far that call {@code method} (alone or in a batch). */
    public int requestsFor(String method) {
        return requestsByMethod.getOrDefault(method, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String body = new String(request, StandardCharsets.UTF_8);
            if (down) {
                faultsInjected.incrementAndGet();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            double roll;
            synchronized (random) {
                roll = random.nextDouble();
            }
            if (roll < httpErrorRate) {
                faultsInjected.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (roll < httpErrorRate + rpcErrorRate) {
                faultsInjected.incrementAndGet();
                respond(exchange, error(body, -32000, "internal error: upstream unavailable"));
                return;
            }
            if (roll < httpErrorRate + rpcErrorRate + delayRate) {
                faultsInjected.incrementAndGet();
                Thread.sleep(delay);
            }
            boolean logs = body.contains("\"eth_getLogs\"");
            if (logs && blockRange(body) > blockRangeCap) {
                capsEnforced.incrementAndGet();
                respond(exchange, error(body, -32600, "exceed maximum block range: " + blockRangeCap));
                return;
            }
            Matcher methods = METHOD.matcher(body);
            while (methods.find()) {
                requestsByMethod.computeIfAbsent(methods.group(1),
                        name -> new AtomicInteger()).incrementAndGet();
            }
            String answer = forward(request);
            if (logs && count(answer) > logsCap) {
                capsEnforced.incrementAndGet();
                respond(exchange, error(body, -32005, "query returned more than " + logsCap + " results"));
                return;
            }
            respond(exchange, answer);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private String forward(byte[] request) throws IOException, InterruptedException {
        HttpRequest forwarded = HttpRequest.newBuilder(node).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
        return http.send(forwarded, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void respond(HttpExchange exchange, String answer) throws IOException {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An error answer: a batch gets one error object for the whole batch, as some providers do. */
    private static String error(String body, int code, String message) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}";
    }

    private static long blockRange(String body) {
        Matcher from = FROM_BLOCK.matcher(body);
        Matcher to = TO_BLOCK.matcher(body);
        if (!from.find() || !to.find()) {
            return 0;
        }
        return Long.decode(to.group(1)) - Long.decode(from.group(1)) + 1;
    }

    private static int count(String answer) {
        Matcher matcher = LOG_INDEX.matcher(answer);
        int logs = 0;
        while (matcher.find()) {
            logs++;
        }
        return logs;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
