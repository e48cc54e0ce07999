package io.cadenza.chain.config;

import io.micronaut.context.exceptions.ConfigurationException;

/**
 * The deployable's refusal to start without a service's URL: it carries no embedded database, Redis or chain node
 * (the dev stack, {@code ./cadenza run}, and the tests add those).
 */
public final class MissingUrl {
    private MissingUrl() {}

    /** The error naming the setting, its environment variable, and where a dev stack comes from. */
    public static ConfigurationException of(String property, String environment, String service) {
        return new ConfigurationException(property + " (" + environment + ") is required: the deployable carries no "
                + service + "; ./cadenza run starts a dev stack with one");
    }
}
