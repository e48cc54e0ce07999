package io.cadenza.indexer.rpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON-RPC calls the indexer makes, over plain HTTP. Logs are parsed as a stream into {@link RawLog}s: going
 * through web3j's response objects and generated wrappers costs several times the fetch itself (FACTS.md).
 */
public final class RpcClient {
    /** Most calls in one JSON-RPC batch; providers commonly refuse larger ones. */
    public static final int BATCH_CALLS_MAX = 500;
    /** Most addresses in one eth_getLogs filter; above this the filter is split. */
    public static final int FILTER_ADDRESSES_MAX = 1_000;

    private final URI url;
    private final Duration timeout;
    // Hardhat's server never answers the JDK client's h2c upgrade on a POST: speak HTTP/1.1 (FACTS.md).
    private final HttpClient http;
    private final JsonFactory jsonFactory = new JsonFactory();
    private final ObjectMapper mapper = new ObjectMapper();

    public RpcClient(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public long blockNumber() throws RpcException {
        return quantity(single("eth_blockNumber", mapper.createArrayNode()));
    }

    /** The headers of the blocks asked for that exist on the node's canonical chain, by number. */
    public Map<Long, BlockHeader> headers(Collection<Long> numbers) throws RpcException {
        Map<Long, BlockHeader> headers = new HashMap<>();
        List<Long> pending = new ArrayList<>(numbers);
        for (int start = 0; start < pending.size(); start += BATCH_CALLS_MAX) {
            List<Long> chunk = pending.subList(start, Math.min(pending.size(), start + BATCH_CALLS_MAX));
            List<ObjectNode> calls = new ArrayList<>(chunk.size());
            for (long number : chunk) {
                ArrayNode params = mapper.createArrayNode().add(hex(number)).add(false);
                calls.add(call("eth_getBlockByNumber", params));
            }
            List<JsonNode> results = batch(calls);
            for (JsonNode block : results) {
                if (block != null && !block.isNull()) {
                    BlockHeader header = new BlockHeader(quantity(block.get("number")), lower(block.get("hash")),
                            lower(block.get("parentHash")), quantity(block.get("timestamp")));
                    headers.put(header.number(), header);
                }
            }
        }
        return headers;
    }

    /** Every log of {@code addresses} in blocks {@code from..to}, in chain order. */
    public List<RawLog> logs(long from, long to, Collection<String> addresses) throws RpcException {
        if (addresses.isEmpty()) {
            return List.of();
        }
        List<String> all = List.copyOf(addresses);
        List<RawLog> logs = new ArrayList<>();
        for (int start = 0; start < all.size(); start += FILTER_ADDRESSES_MAX) {
            ArrayNode addressArray = mapper.createArrayNode();
            all.subList(start, Math.min(all.size(), start + FILTER_ADDRESSES_MAX)).forEach(addressArray::add);
            ObjectNode filter = mapper.createObjectNode().put("fromBlock", hex(from)).put("toBlock", hex(to));
            filter.set("address", addressArray);
            logs.addAll(streamLogs(call("eth_getLogs", mapper.createArrayNode().add(filter))));
        }
        if (all.size() > FILTER_ADDRESSES_MAX) {
            logs.sort(RawLog::chainOrder);
        }
        return logs;
    }

    /** The results of read-only calls at {@code blockNumber}, as 0x-hex, in the order of {@code calls}. */
    public List<String> calls(List<EthCall> calls, long blockNumber) throws RpcException {
        List<String> results = new ArrayList<>(calls.size());
        for (int start = 0; start < calls.size(); start += BATCH_CALLS_MAX) {
            List<ObjectNode> chunk = new ArrayList<>();
            for (EthCall ethCall : calls.subList(start, Math.min(calls.size(), start + BATCH_CALLS_MAX))) {
                ObjectNode transaction = mapper.createObjectNode().put("to", ethCall.to()).put("data", ethCall.data());
                chunk.add(call("eth_call", mapper.createArrayNode().add(transaction).add(hex(blockNumber))));
            }
            for (JsonNode result : batch(chunk)) {
                results.add(result.asText());
            }
        }
        return results;
    }

    private JsonNode single(String method, ArrayNode params) throws RpcException {
        try (InputStream body = post(call(method, params))) {
            return result(mapper.readTree(body), method);
        } catch (RpcException failure) {
            throw failure;
        } catch (IOException failure) {
            throw new RpcException(method + ": unreadable answer", failure);
        }
    }

    /** Results in the order of {@code calls}, matched by id: JSON-RPC lets a server answer a batch in any order. */
    private List<JsonNode> batch(List<ObjectNode> calls) throws RpcException {
        if (calls.isEmpty()) {
            return List.of();
        }
        ArrayNode request = mapper.createArrayNode();
        for (int id = 0; id < calls.size(); id++) {
            request.add(calls.get(id).put("id", id));
        }
        JsonNode answer;
        try (InputStream body = post(request)) {
            answer = mapper.readTree(body);
        } catch (RpcException failure) {
            throw failure;
        } catch (IOException failure) {
            throw new RpcException("batch: unreadable answer", failure);
        }
        if (answer == null || !answer.isArray()) {
            result(answer, "batch"); // a single error object for the whole batch
            throw new RpcException("batch: answer is not an array", false);
        }
        if (answer.size() != calls.size()) {
            throw new RpcException("a batch of " + calls.size() + " calls got " + answer.size() + " answers", false);
        }
        JsonNode[] ordered = new JsonNode[calls.size()];
        for (JsonNode response : answer) {
            int id = response.path("id").asInt(-1);
            if (id < 0 || id >= ordered.length || ordered[id] != null) {
                throw new RpcException("batch answer with an unknown or repeated id: " + response.path("id"), false);
            }
            ordered[id] = result(response, calls.get(id).path("method").asText());
        }
        return List.of(ordered);
    }

    private JsonNode result(JsonNode response, String method) throws RpcException {
        if (response == null || !response.isObject()) {
            throw new RpcException(method + ": answer is not a JSON-RPC response", false);
        }
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            long code = error.path("code").asLong();
            String message = error.path("message").asText();
            throw new RpcException(method + ": " + code + " " + message, RpcException.isCap(code, message));
        }
        JsonNode result = response.get("result");
        if (result == null) {
            throw new RpcException(method + ": answer has neither result nor error", false);
        }
        return result;
    }

    private List<RawLog> streamLogs(ObjectNode request) throws RpcException {
        try (InputStream body = post(request); JsonParser parser = jsonFactory.createParser(body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            List<RawLog> logs = null;
            long errorCode = 0;
            String errorMessage = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("result".equals(field)) {
                    expect(value, JsonToken.START_ARRAY);
                    logs = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        logs.add(readLog(parser));
                    }
                } else if ("error".equals(field) && value == JsonToken.START_OBJECT) {
                    JsonNode error = mapper.readTree(parser);
                    errorCode = error.path("code").asLong();
                    errorMessage = error.path("message").asText();
                } else {
                    parser.skipChildren();
                }
            }
            if (errorMessage != null) {
                throw new RpcException("eth_getLogs: " + errorCode + " " + errorMessage,
                        RpcException.isCap(errorCode, errorMessage));
            }
            if (logs == null) {
                throw new RpcException("eth_getLogs: answer has no result", false);
            }
            return logs;
        } catch (RpcException failure) {
            throw failure;
        } catch (IOException failure) {
            throw new RpcException("eth_getLogs: unreadable answer", failure);
        }
    }

    private static RawLog readLog(JsonParser parser) throws IOException {
        long blockNumber = -1;
        int logIndex = -1;
        String blockHash = null;
        String transactionHash = null;
        String address = null;
        String data = "0x";
        boolean removed = false;
        List<String> topics = new ArrayList<>(4);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "blockNumber" -> blockNumber = Long.decode(parser.getText());
                case "blockHash" -> blockHash = parser.getText().toLowerCase(Locale.ROOT);
                case "logIndex" -> logIndex = Integer.decode(parser.getText());
                case "transactionHash" -> transactionHash = parser.getText().toLowerCase(Locale.ROOT);
                case "address" -> address = parser.getText().toLowerCase(Locale.ROOT);
                case "data" -> data = parser.getText().toLowerCase(Locale.ROOT);
                case "removed" -> removed = value == JsonToken.VALUE_TRUE;
                case "topics" -> {
                    expect(value, JsonToken.START_ARRAY);
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        topics.add(parser.getText().toLowerCase(Locale.ROOT));
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (removed) {
            // Only filters report removed logs; eth_getLogs answering one means the node is mid-reorg.
            throw new RpcException("eth_getLogs returned a removed log in block " + blockNumber, false);
        }
        if (blockNumber < 0 || logIndex < 0 || blockHash == null || transactionHash == null || address == null
                || topics.isEmpty()) {
            // Pending logs have no block; anonymous events have no topic. Neither is ours to index.
            throw new RpcException("eth_getLogs returned an incomplete log in block " + blockNumber, false);
        }
        return new RawLog(blockNumber, blockHash, logIndex, transactionHash, address, topics, data);
    }

    private InputStream post(JsonNode request) throws RpcException {
        HttpRequest httpRequest;
        try {
            httpRequest = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(request))).build();
        } catch (IOException failure) {
            throw new RpcException("encoding a request", failure);
        }
        try {
            HttpResponse<InputStream> response = sendRetryingStaleConnection(httpRequest);
            if (response.statusCode() != 200) {
                response.body().close();
                throw new RpcException("node answered HTTP " + response.statusCode(),
                        response.statusCode() == 413);
            }
            return response.body();
        } catch (HttpTimeoutException timedOut) {
            throw new RpcException("node did not answer within " + timeout, timedOut);
        } catch (IOException failure) {
            if (failure instanceof RpcException rpcFailure) {
                throw rpcFailure;
            }
            throw new RpcException("node unreachable: " + failure, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new RpcException("interrupted", interrupted);
        }
    }

    /**
     * Sends once more when a kept-alive connection turns out closed by the node (its keep-alive timeout ran out as
     * the request left): every call here is a read, safe to repeat.
     */
    private HttpResponse<InputStream> sendRetryingStaleConnection(HttpRequest request)
            throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException timedOut) {
            throw timedOut;
        } catch (IOException stale) {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    private ObjectNode call(String method, ArrayNode params) {
        ObjectNode call = mapper.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
        call.set("params", params);
        return call;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws RpcException {
        if (actual != expected) {
            throw new RpcException("unexpected JSON: " + actual + " where " + expected + " belongs", false);
        }
    }

    private static long quantity(JsonNode node) throws RpcException {
        if (node == null || !node.isTextual()) {
            throw new RpcException("expected a hex quantity, got " + node, false);
        }
        return Long.decode(node.asText());
    }

    private static String lower(JsonNode node) throws RpcException {
        if (node == null || !node.isTextual()) {
            throw new RpcException("expected a hex string, got " + node, false);
        }
        return node.asText().toLowerCase(Locale.ROOT);
    }

    private static String hex(long number) {
        return "0x" + Long.toHexString(number);
    }
}
