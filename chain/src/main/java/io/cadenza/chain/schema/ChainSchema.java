package io.cadenza.chain.schema;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The chain module's tables: {@code chain_*}. */
@Factory
public class ChainSchema {
    public static final ModuleSchema SCHEMA = new ModuleSchema("chain", 10);

    @Singleton
    @Named("chain")
    ModuleSchema chainSchema() {
        return SCHEMA;
    }
}
