package io.cadenza.indexer.store;

import io.cadenza.chain.schema.ModuleSchema;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The indexer's tables: {@code idx_*}. They refer to nothing of the chain module's, but migrate after it. */
@Factory
public class IndexerSchema {
    public static final ModuleSchema SCHEMA = new ModuleSchema("indexer", 20);

    @Singleton
    @Named("indexer")
    ModuleSchema indexerSchema() {
        return SCHEMA;
    }
}
