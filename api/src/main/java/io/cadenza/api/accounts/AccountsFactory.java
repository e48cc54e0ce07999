package io.cadenza.api.accounts;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

@Factory
public class AccountsFactory {
    @Singleton
    PasswordHasher passwordHasher() {
        return new PasswordHasher(PasswordHasher.COST_DEFAULT);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
