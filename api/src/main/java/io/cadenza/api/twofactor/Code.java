package io.cadenza.api.twofactor;

import io.cadenza.api.text.Plain;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A body holding a TOTP code from the caller's authenticator (step-up, confirmation, recovery codes, disabling). */
@Serdeable
public record Code(@NotBlank @Plain @Size(max = 16) String code) {
    @Override
    public String toString() {
        return "Code[]";
    }
}
