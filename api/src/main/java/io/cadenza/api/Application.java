package io.cadenza.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

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

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
