package io.cadenza.indexer.consistency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cadenza.chain.database.StandaloneTransactions;
import io.cadenza.indexer.rpc.RpcClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code ./cadenza check-index}: runs the consistency check against a database and a node given as the
 * application's own environment variables, prints the report as one JSON line, and exits 0 when consistent, 1 when
 * not, 2 when it could not check.
 */
public final class ConsistencyCheckCommand {
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(30);

    private ConsistencyCheckCommand() {}

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        String databaseUrl = environment.get("CADENZA_DATABASE_URL");
        String rpcUrl = environment.get("CADENZA_CHAIN_RPC_URL");
        if (databaseUrl == null || rpcUrl == null) {
            System.err.println("check-index: set CADENZA_DATABASE_URL (JDBC) and CADENZA_CHAIN_RPC_URL; "
                    + "CADENZA_DATABASE_USERNAME, CADENZA_DATABASE_PASSWORD and CADENZA_CHAIN_CHAIN_ID (31337) if needed");
            System.exit(2);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(databaseUrl);
        if (environment.containsKey("CADENZA_DATABASE_USERNAME")) {
            dataSource.setUser(environment.get("CADENZA_DATABASE_USERNAME"));
        }
        if (environment.containsKey("CADENZA_DATABASE_PASSWORD")) {
            dataSource.setPassword(environment.get("CADENZA_DATABASE_PASSWORD"));
        }
        long chainId = Long.parseLong(environment.getOrDefault("CADENZA_CHAIN_CHAIN_ID", "31337"));
        try {
            ConsistencyReport report = new ConsistencyCheck(StandaloneTransactions.over(dataSource), new RpcClient(URI.create(rpcUrl), RPC_TIMEOUT),
                    chainId).run();
            System.out.println(json(report));
            System.exit(report.consistent() ? 0 : 1);
        } catch (Exception failure) {
            // The message names what failed; it never holds the database password (it is not part of the URL here).
            System.err.println("check-index: could not check: " + failure.getMessage());
            System.exit(2);
        }
    }

    static String json(ConsistencyReport report) throws com.fasterxml.jackson.core.JsonProcessingException {
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
