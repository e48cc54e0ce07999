package io.cadenza.chain.schema;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Flyway migrations one module owns: its scripts live under {@code classpath:db/<module>} and its history in
 * {@code <module>_schema_history}, so that each module migrates, and is tested, on its own.
 *
 * @param module the module's name, also its table prefix
 * @param order where it migrates relative to the others: a module migrates after those it depends on
 */
public record ModuleSchema(String module, int order) {
    private static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    public ModuleSchema {
        Objects.requireNonNull(module, "module");
        if (!MODULE_NAME.matcher(module).matches()) {
            throw new IllegalArgumentException("module name must be a lower-case identifier: " + module);
        }
    }

    public String location() {
        return "classpath:db/" + module;
    }

    public String historyTable() {
        return module + "_schema_history";
    }
}
