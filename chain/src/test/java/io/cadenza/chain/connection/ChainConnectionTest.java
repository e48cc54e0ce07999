package io.cadenza.chain.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.chain.devnode.HardhatNode;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServicesExtension.class)
class ChainConnectionTest {
    private static final Duration POLL = Duration.ofMillis(50);

    @Test
    void opensWhenTheNodeServesTheExpectedChain(TestServices services) throws Exception {
        try (ChainConnection connection = ChainConnection.open(
                new ChainEndpoint(services.hardhatNode().rpcUrl(), HardhatNode.devAccount(0)), 31337, POLL)) {
            assertThat(connection.chainId()).isEqualTo(31337);
            assertThat(connection.blockNumber()).isNotNegative();
            assertThat(connection.operator().getAddress()).isEqualTo(HardhatNode.devAccount(0).address());
        }
    }

    @Test
    void refusesANodeServingAnotherChain(TestServices services) {
        ChainEndpoint endpoint = new ChainEndpoint(services.hardhatNode().rpcUrl(), HardhatNode.devAccount(0));
        assertThatThrownBy(() -> ChainConnection.open(endpoint, 1, POLL))
                .isInstanceOf(ChainUnavailableException.class)
                .hasMessageContaining("serves chain 31337, not the configured chain 1");
    }

    @Test
    void reportsANodeThatDoesNotAnswer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ChainEndpoint endpoint = new ChainEndpoint(URI.create("http://127.0.0.1:" + closedPort), HardhatNode.devAccount(0));
        assertThatThrownBy(() -> ChainConnection.open(endpoint, 31337, POLL))
                .isInstanceOf(ChainUnavailableException.class)
                .hasMessageContaining("no chain answers");
    }
}
