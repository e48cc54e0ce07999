package io.cadenza.api.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * An account as the API shows it; an artist's also says where their onboarding review stands ({@code artistStatus}:
 * PENDING, APPROVED or REJECTED): their masters go on chain once it is APPROVED.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountView(UUID id, String email, Role role, Instant createdAt, boolean emailVerified,
        boolean magicLinkEnabled, @Nullable Boolean twoFactorEnabled, @Nullable String artistStatus) {
    public static AccountView of(Account account) {
        return new AccountView(account.id(), account.email(), account.role(), account.createdAt(),
                account.emailVerified(), account.magicLinkEnabled(), null, null);
    }

    /** The account as its owner sees it: with its review and whether two-factor authentication is on. */
    public static AccountView own(Account account, ArtistVerification verification, boolean twoFactorEnabled) {
        return new AccountView(account.id(), account.email(), account.role(), account.createdAt(),
                account.emailVerified(), account.magicLinkEnabled(), twoFactorEnabled,
                account.role() == Role.ARTIST ? verification.status(account.id()).name() : null);
    }
}
