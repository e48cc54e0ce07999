package io.cadenza.chain.devnode;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dev node's log lists its accounts but never prints a private key, not even Hardhat's public ones. */
@ExtendWith(TestServicesExtension.class)
class HardhatNodeLogTest {
    /** Hardhat's development key #0, the operator's on test chains. */
    private static final String OPERATOR_KEY_HEX = io.cadenza.chain.testing.DeployedSuite.OPERATOR_KEY_HEX;

    @Test
    void theNodesLogNamesItsAccountsWithoutTheirKeys(TestServices services) throws Exception {
        assertThat(services.hardhatNode().rpcUrl()).isNotNull(); // started, its log written
        String whole = Files.readString(Path.of("target", "hardhat-node.log"));
        // The log is appended to: this JVM's node wrote from the last start-up banner on.
        String log = whole.substring(whole.lastIndexOf("Started HTTP and WebSocket JSON-RPC server"));
        assertThat(log).contains("Account #0:").contains("Private Key: (not printed");
        assertThat(log).doesNotContain("Private Key: 0x").doesNotContain(OPERATOR_KEY_HEX.substring(2));
    }
}
