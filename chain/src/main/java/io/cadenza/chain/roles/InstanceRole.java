package io.cadenza.chain.roles;

import io.micronaut.context.BeanContext;
import io.micronaut.core.type.Argument;
import io.micronaut.core.value.PropertyResolver;
import java.util.List;
import java.util.Locale;

/**
 * What an instance does, switched by {@code cadenza.roles} (comma-separated; every role when unset), so that one
 * deployable scales out: stateless API instances behind a load balancer, one indexer and one sender per chain at a time
 * (the others stand by on their locks), job servers wherever JobRunr should run.
 */
public enum InstanceRole {
    /** The HTTP API and what serves it. */
    API,
    /** Follows the chain into the index; instances with it share the chain's lock. */
    INDEXER,
    /** Signs and sends the outbox's transactions; instances with it share the account's lock. */
    SENDER,
    /** Runs background jobs. */
    JOBS;

    public static final String PROPERTY = "cadenza.roles";

    /** Whether this role is on for the instance whose configuration {@code context} reads. */
    public boolean isOn(BeanContext context) {
        if (!(context instanceof PropertyResolver properties)) {
            return true;
        }
        List<String> roles = properties.get(PROPERTY, Argument.listOf(String.class)).orElse(null);
        if (roles == null) {
            return true;
        }
        for (String role : roles) {
            String name = role.strip().toUpperCase(Locale.ROOT);
            if (!name.isEmpty() && !isKnown(name)) {
                throw new IllegalArgumentException(PROPERTY + " names an unknown role '" + role.strip()
                        + "'; known: api, indexer, sender, jobs");
            }
            if (name.equals(name())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isKnown(String name) {
        for (InstanceRole role : values()) {
            if (role.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
