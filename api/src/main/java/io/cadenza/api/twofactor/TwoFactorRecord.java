package io.cadenza.api.twofactor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** An account's TOTP enrolment: pending until {@code confirmedAt}. */
@MappedEntity("account_two_factor")
public record TwoFactorRecord(@Id UUID accountId, byte[] secretSealed, Instant createdAt, @Nullable Instant confirmedAt,
        long lastUsedStep) {

    public boolean confirmed() {
        return confirmedAt != null;
    }
}
