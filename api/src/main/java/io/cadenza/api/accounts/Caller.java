package io.cadenza.api.accounts;

import io.micronaut.security.authentication.Authentication;
import java.util.UUID;

/** Who is calling, as the verified access token says. */
public record Caller(UUID accountId, Role role) {

    public static Caller of(Authentication authentication) {
        Role role = authentication.getRoles().stream().map(Role::valueOf).findFirst()
                .orElseThrow(() -> new IllegalStateException("an access token without a role"));
        return new Caller(UUID.fromString(authentication.getName()), role);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
