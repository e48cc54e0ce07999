package io.cadenza.chain.audit;

import io.cadenza.chain.database.DatabaseEnvironment;
import io.cadenza.chain.database.StandaloneTransactions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code audit-verify}: checks the audit log's hash chain in the database the application's environment variables
 * name, prints the result as one JSON line, and exits 0 when intact, 1 when broken, 2 when it could not check.
 */
public final class AuditVerifyCommand {
    private AuditVerifyCommand() {}

    public static void main(String[] args) {
        PGSimpleDataSource dataSource = DatabaseEnvironment.of(System.getenv()).orElse(null);
        if (dataSource == null) {
            System.err.println("audit-verify: " + DatabaseEnvironment.HINT);
            System.exit(2);
            return;
        }
        try {
            AuditVerification result = new AuditChainCheck(StandaloneTransactions.over(dataSource)).run();
            System.out.println(result.json());
            System.exit(result.intact() ? 0 : 1);
        } catch (Exception failure) {
            // The message names what failed; the password is not part of the URL here.
            System.err.println("audit-verify: could not check: " + failure.getMessage());
            System.exit(2);
        }
    }
}
