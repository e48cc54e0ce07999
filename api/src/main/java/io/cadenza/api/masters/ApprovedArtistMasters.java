package io.cadenza.api.masters;

import io.cadenza.api.accounts.ArtistApproved;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** An approved artist's waiting masters are due for registration at once, in the approval's transaction. */
@Singleton
class ApprovedArtistMasters {
    private final MasterStore masters;

    ApprovedArtistMasters(MasterStore masters) {
        this.masters = masters;
    }

    @EventListener
    void onApproval(ArtistApproved approved) {
        masters.releaseAwaiting(approved.artistId());
    }
}
