package io.cadenza.chain.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * A JSON-RPC batch whose responses are matched to their requests by id. web3j pairs them by position, but JSON-RPC
 * 2.0 lets a server answer a batch in any order: matched by position, a receipt could be credited to the wrong
 * transaction.
 */
public final class JsonRpcBatch {
    /** Most calls in one batch; providers commonly refuse larger ones. */
    public static final int CALLS_MAX = 1_000;

    private final Web3j web3j;
    private final List<Request<?, ? extends Response<?>>> requests = new ArrayList<>();

    public JsonRpcBatch(Web3j web3j) {
        this.web3j = web3j;
    }

    public JsonRpcBatch add(Request<?, ? extends Response<?>> request) {
        if (requests.size() == CALLS_MAX) {
            throw new IllegalStateException("a batch holds at most " + CALLS_MAX + " calls");
        }
        requests.add(request);
        return this;
    }

    public boolean isEmpty() {
        return requests.isEmpty();
    }

    /**
     * The responses, in the order the requests were added. Only read-only or idempotent calls belong in a batch: a
     * node that answers out of order may have some of them sent again, one by one.
     */
    public List<Response<?>> send() throws IOException {
        if (requests.isEmpty()) {
            return List.of();
        }
        BatchRequest batch = web3j.newBatch();
        requests.forEach(batch::add);
        List<? extends Response<?>> answered;
        try {
            answered = batch.send().getResponses();
        } catch (JsonProcessingException answersOfAnotherShape) {
            // web3j parses answer i as the type of call i: an answer out of order may not even parse.
            return oneByOne();
        }
        if (answered.size() != requests.size()) {
            throw new IOException("a batch of " + requests.size() + " calls got " + answered.size() + " answers");
        }
        if (inRequestOrder(answered)) {
            return List.copyOf(answered);
        }
        if (!ofOneType()) {
            return oneByOne();
        }
        Map<Long, Response<?>> byId = new HashMap<>();
        for (Response<?> response : answered) {
            byId.put(response.getId(), response);
        }
        List<Response<?>> ordered = new ArrayList<>(requests.size());
        for (Request<?, ? extends Response<?>> request : requests) {
            Response<?> response = byId.get(request.getId());
            if (response == null) {
                throw new IOException("the batch answer lacks call " + request.getId() + " (" + request.getMethod() + ")");
            }
            ordered.add(response);
        }
        return ordered;
    }

    private boolean inRequestOrder(List<? extends Response<?>> answered) {
        for (int i = 0; i < requests.size(); i++) {
            if (answered.get(i).getId() != requests.get(i).getId()) {
                return false;
            }
        }
        return true;
    }

    private boolean ofOneType() {
        Class<?> first = requests.getFirst().getResponseType();
        return requests.stream().allMatch(request -> request.getResponseType() == first);
    }

    private List<Response<?>> oneByOne() throws IOException {
        List<Response<?>> responses = new ArrayList<>(requests.size());
        for (Request<?, ? extends Response<?>> request : requests) {
            responses.add(request.send());
        }
        return responses;
    }
}
