package io.cadenza.api.accounts;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A sign-up, or an account an admin creates. */
@Serdeable
public record NewAccount(
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @Size(max = 4 * PasswordPolicy.LENGTH_MAX) String password,
        @NotNull Role role) {

    @Override
    public String toString() {
        return "NewAccount[email=" + email + ", role=" + role + "]";
    }
}
