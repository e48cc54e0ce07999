package io.cadenza.api.accounts;

import io.cadenza.api.text.Plain;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A sign-up, or an account an admin creates. */
@Serdeable
public record NewAccount(
        @NotBlank @Email @Plain @Size(max = 254) String email,
        @NotNull @Plain @Size(max = 4 * PasswordPolicy.LENGTH_MAX) String password,
        @NotNull Role role) {

    /**
     * What identifies the request for Idempotency-Key replays: the email and role, not the password, whose plain
     * SHA-256 must not be stored.
     */
    public java.util.Map<String, String> fingerprint() {
        return java.util.Map.of("email", Account.emailKey(email), "role", String.valueOf(role));
    }

    @Override
    public String toString() {
        return "NewAccount[email=" + email + ", role=" + role + "]";
    }
}
