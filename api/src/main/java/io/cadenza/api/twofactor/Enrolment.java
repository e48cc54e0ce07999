package io.cadenza.api.twofactor;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A new TOTP secret, shown once: typed into an authenticator app ({@code secret}), opened as a link on a phone
 * ({@code otpauthUri}) or scanned ({@code qrCode}, a PNG as a data URI). Confirmed with a first code.
 */
@Serdeable
public record Enrolment(String secret, String otpauthUri, String qrCode) {
    @Override
    public String toString() {
        return "Enrolment[]";
    }
}
