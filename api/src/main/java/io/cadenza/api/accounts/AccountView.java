package io.cadenza.api.accounts;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** An account as the API shows it. */
@Serdeable
public record AccountView(UUID id, String email, Role role, Instant createdAt) {
    public static AccountView of(Account account) {
        return new AccountView(account.id(), account.email(), account.role(), account.createdAt());
    }
}
