package io.cadenza.api.ipfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pinning service as ../shared/ipfs-pinning-service.yaml specifies it, small enough to read: bearer tokens, GET
 * /pins with cid, status and limit filters, POST /pins (202 with a PinStatus), GET /pins/{requestid}, error bodies
 * {@code {"error": {"reason", "details"}}}. Pins are asynchronous as in real services: each pin advances
 * queued → pinning → pinned one step per status read.
 */
final class PinningServiceStub implements AutoCloseable {
    static final String TOKEN = "stub-access-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STATUSES = Set.of("queued", "pinning", "pinned", "failed");

    private final HttpServer server;
    private final Map<String, ObjectNode> pins = new LinkedHashMap<>();
    final AtomicInteger posts = new AtomicInteger();

    PinningServiceStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/pins", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    synchronized List<String> pinnedCids() {
        return pins.values().stream().filter(pin -> pin.get("status").asText().equals("pinned"))
                .map(pin -> pin.get("pin").get("cid").asText()).toList();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "UNAUTHORIZED", "Access token is missing or invalid");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/pins") && method.equals("GET")) {
                list(exchange);
            } else if (path.equals("/pins") && method.equals("POST")) {
                add(exchange);
            } else if (path.startsWith("/pins/") && method.equals("GET")) {
                ObjectNode pin = pins.get(path.substring("/pins/".length()));
                if (pin == null) {
                    error(exchange, 404, "NOT_FOUND", "The specified resource was not found");
                } else {
                    advance(pin);
                    respond(exchange, 200, pin);
                }
            } else {
                error(exchange, 400, "BAD_REQUEST", "unsupported " + method + " " + path);
            }
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        List<String> cids = query.containsKey("cid") ? List.of(query.get("cid").split(",")) : null;
        // Without a status filter the spec returns only successful pins.
        List<String> statuses = List.of(query.getOrDefault("status", "pinned").split(","));
        if (!STATUSES.containsAll(statuses) || (cids != null && cids.size() > 10)) {
            error(exchange, 400, "BAD_REQUEST", "invalid filter");
            return;
        }
        int limit = Integer.parseInt(query.getOrDefault("limit", "10"));
        ArrayNode results = JSON.createArrayNode();
        int count = 0;
        for (ObjectNode pin : new ArrayList<>(pins.values())) {
            advance(pin);
            if ((cids == null || cids.contains(pin.get("pin").get("cid").asText()))
                    && statuses.contains(pin.get("status").asText())) {
                count++;
                if (results.size() < limit) {
                    results.add(pin);
                }
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("count", count);
        body.set("results", results);
        respond(exchange, 200, body);
    }

    private void add(HttpExchange exchange) throws IOException {
        JsonNode pin = JSON.readTree(exchange.getRequestBody());
        if (!pin.hasNonNull("cid") || (pin.has("name") && pin.get("name").asText().length() > 255)
                || (pin.has("origins") && pin.get("origins").size() > 20)) {
            error(exchange, 400, "BAD_REQUEST", "invalid Pin object");
            return;
        }
        posts.incrementAndGet();
        ObjectNode status = JSON.createObjectNode();
        String requestId = UUID.randomUUID().toString();
        status.put("requestid", requestId);
        status.put("status", "queued");
        status.put("created", Instant.now().toString());
        status.set("pin", pin);
        status.set("delegates", JSON.createArrayNode().add("/ip4/127.0.0.1/tcp/4001/p2p/QmStubDelegate"));
        pins.put(requestId, status);
        respond(exchange, 202, status);
    }

    private static void advance(ObjectNode pin) {
        switch (pin.get("status").asText()) {
            case "queued" -> pin.put("status", "pinning");
            case "pinning" -> pin.put("status", "pinned");
            default -> { }
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static void error(HttpExchange exchange, int status, String reason, String details) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("reason", reason);
        error.put("details", details);
        respond(exchange, status, body);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
