package io.cadenza.indexer.consistency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cadenza.chain.database.StandaloneTransactions;
import io.cadenza.indexer.config.CommandEnvironment;
import io.cadenza.indexer.rpc.RpcClient;
import java.time.Duration;

/**
 * {@code ./cadenza check-index}: runs the consistency check against a database and a node given as the
 * application's own environment variables, prints the report as one JSON line, and exits 0 when consistent, 1 when
 * not, 2 when it could not check.
 */
public final class ConsistencyCheckCommand {
    public static final Duration RPC_TIMEOUT = Duration.ofSeconds(30);

    private ConsistencyCheckCommand() {}

    public static void main(String[] args) {
        CommandEnvironment environment;
        try {
            environment = CommandEnvironment.of(System.getenv());
        } catch (CommandEnvironment.IncompleteException incomplete) {
            System.err.println("check-index: " + incomplete.getMessage());
            System.exit(2);
            return;
        }
        try {
            ConsistencyReport report = new ConsistencyCheck(StandaloneTransactions.over(environment.dataSource()),
                    new RpcClient(environment.rpcUrl(), RPC_TIMEOUT), environment.chainId()).run();
            System.out.println(json(report));
            System.exit(report.consistent() ? 0 : 1);
        } catch (Exception failure) {
            // The message names what failed; it never holds the database password (it is not part of the URL here).
            System.err.println("check-index: could not check: " + failure.getMessage());
            System.exit(2);
        }
    }

    public static String json(ConsistencyReport report) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode().put("chainId", report.chainId()).put("block", report.block())
                .put("consistent", report.consistent()).put("tokensChecked", report.tokensChecked())
                .put("holdersChecked", report.holdersChecked());
        ArrayNode discrepancies = node.putArray("discrepancies");
        for (Discrepancy discrepancy : report.discrepancies()) {
            discrepancies.addObject().put("token", discrepancy.token()).put("holder", discrepancy.holder())
                    .put("quantity", discrepancy.quantity()).put("projected", discrepancy.projected())
                    .put("onChain", discrepancy.onChain());
        }
        return mapper.writeValueAsString(node);
    }
}
