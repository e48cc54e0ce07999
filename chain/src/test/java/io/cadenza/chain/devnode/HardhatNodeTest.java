package io.cadenza.chain.devnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HardhatNodeTest {
    @Test
    void closingTheNodeLeavesNoProcessAndFreesThePort() throws Exception {
        HardhatNode node = HardhatNode.start(ContractsProject.locate(), Path.of("target", "hardhat-node-lifecycle.log"));
        int port = node.rpcUrl().getPort();
        try (Socket probe = new Socket("127.0.0.1", port)) {
            assertThat(probe.isConnected()).isTrue();
        }

        node.close();

        assertThat(ProcessHandle.allProcesses()
                .map(process -> process.info().commandLine().orElse(""))
                .filter(command -> command.contains("hardhat") && command.contains("--port " + port)))
                .isEmpty();
        assertThat(canConnect(port)).isFalse();
    }

    private static boolean canConnect(int port) throws Exception {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }
}
