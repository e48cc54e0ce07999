package io.cadenza.jobs.ledger;

import io.cadenza.chain.schema.ModuleSchema;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The jobs module's tables ({@code ledger_*}); they refer to no other module's, and migrate after the indexer's. */
@Factory
public class JobsSchema {
    public static final ModuleSchema SCHEMA = new ModuleSchema("jobs", 30);

    @Singleton
    @Named("jobs")
    ModuleSchema jobsSchema() {
        return SCHEMA;
    }
}
