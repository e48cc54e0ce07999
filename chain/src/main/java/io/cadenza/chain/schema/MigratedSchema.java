package io.cadenza.chain.schema;

import java.util.List;

/** Proof, for the beans that need tables, that every module's migrations have been applied. */
public record MigratedSchema(List<String> modules) {}
