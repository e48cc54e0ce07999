package io.cadenza.api.database;

import io.cadenza.chain.schema.ModuleSchema;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The api module's tables ({@code account_*}, {@code catalog_*}, {@code api_*}): after every module it uses. */
@Factory
public class ApiSchema {
    public static final ModuleSchema SCHEMA = new ModuleSchema("api", 40);

    @Singleton
    @Named("api")
    ModuleSchema apiSchema() {
        return SCHEMA;
    }
}
