package io.cadenza.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A one-time link's token as stored: only its hash, what it is for, and whom and which address it was sent to. */
@MappedEntity("account_email_token")
public record EmailToken(@Id byte[] tokenHash, UUID accountId, String purpose, String email, Instant issuedAt,
        Instant expiresAt, @Nullable Instant usedAt) {

    /** What a link does. */
    public enum Purpose { EMAIL_VERIFICATION, PASSWORD_RESET, MAGIC_LINK }
}
