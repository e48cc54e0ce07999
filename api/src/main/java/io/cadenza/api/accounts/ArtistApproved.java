package io.cadenza.api.accounts;

import java.util.UUID;

/**
 * Published (synchronously, in the approval's transaction) when an admin approves an artist: what waited for the
 * approval (their masters) moves on. A record, so that listeners in other features need nothing else of accounts.
 */
public record ArtistApproved(UUID artistId) {}
