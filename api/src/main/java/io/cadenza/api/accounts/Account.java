package io.cadenza.api.accounts;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/** A stored account; {@code passwordHash} never leaves the accounts package. */
@MappedEntity("account_user")
public record Account(@Id UUID id, String email, String passwordHash, Role role, Instant createdAt,
        @Nullable UUID createdBy, @Nullable Instant emailVerifiedAt, boolean magicLinkEnabled) {

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    /** The form of an email that uniqueness is decided on. */
    public static String emailKey(String email) {
        return EmailAddress.key(email);
    }
}
