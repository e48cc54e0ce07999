package io.cadenza.indexer.config;

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
        String databaseUrl = environment.get("CADENZA_DATABASE_URL");
        String rpcUrl = environment.get("CADENZA_CHAIN_RPC_URL");
        if (databaseUrl == null || rpcUrl == null) {
            throw new IncompleteException("set CADENZA_DATABASE_URL (JDBC) and CADENZA_CHAIN_RPC_URL; "
                    + "CADENZA_DATABASE_USERNAME, CADENZA_DATABASE_PASSWORD and CADENZA_CHAIN_CHAIN_ID (31337) if needed");
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
        String depth = environment.get("CADENZA_INDEXER_FINALITY_DEPTH");
        return new CommandEnvironment(dataSource, URI.create(rpcUrl), chainId,
                depth == null ? null : Integer.valueOf(depth));
    }
}
