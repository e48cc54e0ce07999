package io.cadenza.chain.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.core.methods.response.EthGetTransactionCount;
import org.web3j.protocol.http.HttpService;

class JsonRpcBatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answersOfOneTypeInAnotherOrderAreMatchedToTheirCallsById() throws Exception {
        try (var node = new ScriptedNode(JsonRpcBatchTest::reversed)) {
            Web3j web3j = Web3j.build(new HttpService(node.url()));
            List<Response<?>> responses = new JsonRpcBatch(web3j)
                    .add(web3j.ethGetTransactionCount("0x0000000000000000000000000000000000000001", DefaultBlockParameterName.LATEST))
                    .add(web3j.ethGetTransactionCount("0x0000000000000000000000000000000000000002", DefaultBlockParameterName.LATEST))
                    .send();
            assertThat(((EthGetTransactionCount) responses.get(0)).getTransactionCount().longValue()).isEqualTo(1);
            assertThat(((EthGetTransactionCount) responses.get(1)).getTransactionCount().longValue()).isEqualTo(2);
            web3j.shutdown();
        }
    }

    @Test
    void answersOfSeveralTypesInAnotherOrderAreAskedForAgainOneByOne() throws Exception {
        try (var node = new ScriptedNode(JsonRpcBatchTest::reversed)) {
            Web3j web3j = Web3j.build(new HttpService(node.url()));
            List<Response<?>> responses = new JsonRpcBatch(web3j)
                    .add(web3j.ethChainId())
                    .add(web3j.ethBlockNumber())
                    .send();
            assertThat(((EthChainId) responses.get(0)).getChainId().longValue()).isEqualTo(31337);
            assertThat(((EthBlockNumber) responses.get(1)).getBlockNumber().longValue()).isEqualTo(42);
            web3j.shutdown();
        }
    }

    @Test
    void anAnswerMissingACallIsAnError() throws Exception {
        try (var node = new ScriptedNode(answers -> {
            ArrayNode duplicated = JSON.createArrayNode();
            duplicated.add(answers.get(1));
            duplicated.add(answers.get(1));
            return duplicated;
        })) {
            Web3j web3j = Web3j.build(new HttpService(node.url()));
            JsonRpcBatch batch = new JsonRpcBatch(web3j)
                    .add(web3j.ethGetTransactionCount("0x0000000000000000000000000000000000000001", DefaultBlockParameterName.LATEST))
                    .add(web3j.ethGetTransactionCount("0x0000000000000000000000000000000000000002", DefaultBlockParameterName.LATEST));
            assertThatThrownBy(batch::send).isInstanceOf(IOException.class).hasMessageContaining("lacks call");
            web3j.shutdown();
        }
    }

    private static ArrayNode reversed(ArrayNode answers) {
        ArrayNode reversed = JSON.createArrayNode();
        for (int i = answers.size() - 1; i >= 0; i--) {
            reversed.add(answers.get(i));
        }
        return reversed;
    }

    /** Answers eth_chainId with 31337 and eth_blockNumber with 42, then lets the test rearrange the batch answer. */
    private static final class ScriptedNode implements AutoCloseable {
        private final HttpServer server;

        ScriptedNode(UnaryOperator<ArrayNode> rearrange) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                JsonNode calls = JSON.readTree(exchange.getRequestBody());
                ArrayNode answers = JSON.createArrayNode();
                for (JsonNode call : calls.isArray() ? calls : JSON.createArrayNode().add(calls)) {
                    answers.addObject().put("jsonrpc", "2.0").put("id", call.get("id").asLong()).put("result", resultOf(call));
                }
                JsonNode answer = calls.isArray() ? rearrange.apply(answers) : answers.get(0);
                byte[] body = JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        /** eth_chainId: 31337; eth_blockNumber: 42; eth_getTransactionCount: the address's last byte. */
        private static String resultOf(JsonNode call) {
            return switch (call.get("method").asText()) {
                case "eth_chainId" -> "0x7a69";
                case "eth_blockNumber" -> "0x2a";
                default -> "0x" + call.get("params").get(0).asText().substring(40);
            };
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
