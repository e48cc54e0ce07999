package io.cadenza.chain.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hardhat's test-only JSON-RPC methods: snapshots, reverts, manual mining. */
public final class HardhatControl {
    private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*(\"[^\"]*\"|true|false|null)");

    private final URI rpcUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public HardhatControl(URI rpcUrl) {
        this.rpcUrl = rpcUrl;
    }

    public String snapshot() {
        return call("evm_snapshot", "").replace("\"", "");
    }

    public void revert(String snapshotId) {
        String reverted = call("evm_revert", "\"" + snapshotId + "\"");
        if (!"true".equals(reverted)) {
            throw new IllegalStateException("evm_revert(" + snapshotId + ") answered " + reverted);
        }
    }

    public void mine(int blocks) {
        for (int i = 0; i < blocks; i++) {
            call("evm_mine", "");
        }
    }

    /**
     * Mines {@code blocks} empty blocks in one call ({@code hardhat_mine}), as demos do to move time on. Hardhat
     * reports a zero parent hash for most of the blocks in between.
     */
    public void mineAtOnce(int blocks) {
        String mined = call("hardhat_mine", "\"0x" + Integer.toHexString(blocks) + "\"");
        if (!"true".equals(mined)) {
            throw new IllegalStateException("hardhat_mine answered " + mined);
        }
    }

    /** Gives {@code address} this much ether (wei), as a faucet would: for fresh wallets that must pay gas. */
    public void setBalance(String address, java.math.BigInteger wei) {
        String set = call("hardhat_setBalance", "\"" + address + "\", \"0x" + wei.toString(16) + "\"");
        if (!"true".equals(set)) {
            throw new IllegalStateException("hardhat_setBalance answered " + set);
        }
    }

    public void setAutomine(boolean automine) {
        call("evm_setAutomine", String.valueOf(automine));
    }

    private String call(String method, String params) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + params + "]}";
        HttpRequest request = HttpRequest.newBuilder(rpcUrl).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            String response = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            Matcher result = RESULT.matcher(response);
            if (!result.find()) {
                throw new IllegalStateException(method + " failed: " + response);
            }
            return result.group(1);
        } catch (IOException failure) {
            throw new IllegalStateException(method + " failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", interrupted);
        }
    }
}
