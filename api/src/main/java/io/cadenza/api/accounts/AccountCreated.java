package io.cadenza.api.accounts;

import java.util.UUID;

/** An account was created (published in the creating transaction; its email is verified after it commits). */
public record AccountCreated(UUID accountId) {}
