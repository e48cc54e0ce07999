package io.cadenza.api;

import io.cadenza.chain.audit.AuditVerifyCommand;
import io.cadenza.indexer.consistency.ConsistencyCheckCommand;
import io.cadenza.indexer.recovery.ReindexCommand;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.Arrays;

/** Cadenza's one deployable. With no external URLs configured it starts its own dev services (see README). */
@OpenAPIDefinition(
        info = @Info(title = "Cadenza", version = "v1",
                description = "Tokenized music rights and royalties: accounts, wallets (Sign-In with Ethereum), masters"
                        + " on IPFS, offerings, holdings, dividends and live events. Errors are"
                        + " application/problem+json; creating POSTs accept an Idempotency-Key; lists page by cursor.",
                license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class Application {
    private Application() {}

    /**
     * Starts the application; {@code check-index} instead runs the consistency check of an index against its chain,
     * {@code reindex} the recovery of an index after a reorg deeper than finality, and {@code audit-verify} the check of
     * the audit log's hash chain, and exits (see the README's operations section): the operator's tools run from the
     * deployable itself.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("check-index")) {
            ConsistencyCheckCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("audit-verify")) {
            AuditVerifyCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("reindex")) {
            ReindexCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
