package io.cadenza.api;

import io.micronaut.runtime.Micronaut;

/** Cadenza's one deployable. With no external URLs configured it starts its own dev services (see README). */
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
