package io.cadenza.indexer.config;

import io.cadenza.chain.database.DatabaseEnvironment;
import java.net.URI;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the operator's commands run against, from the application's own environment variables: the database, the
 * node, the chain id, and the finality depth when it is not the chain's default.
 */
public record CommandEnvironment(PGSimpleDataSource dataSource, URI rpcUrl, long chainId, Integer finalityDepth) {

    /** Thrown when a variable is missing; its message says which ones to set. */
    public static final class IncompleteException extends Exception {
        IncompleteException(String message) {
            super(message);
        }
    }

    public static CommandEnvironment of(Map<String, String> environment) throws IncompleteException {
        PGSimpleDataSource dataSource = DatabaseEnvironment.of(environment).orElse(null);
        String rpcUrl = environment.get("CADENZA_CHAIN_RPC_URL");
        if (dataSource == null || rpcUrl == null) {
            throw new IncompleteException("set CADENZA_DATABASE_URL (JDBC) and CADENZA_CHAIN_RPC_URL; "
                    + "CADENZA_DATABASE_USERNAME, CADENZA_DATABASE_PASSWORD and CADENZA_CHAIN_CHAIN_ID (31337) if needed");
        }
        long chainId = Long.parseLong(environment.getOrDefault("CADENZA_CHAIN_CHAIN_ID", "31337"));
        String depth = environment.get("CADENZA_INDEXER_FINALITY_DEPTH");
        return new CommandEnvironment(dataSource, URI.create(rpcUrl), chainId,
                depth == null ? null : Integer.valueOf(depth));
    }
}
