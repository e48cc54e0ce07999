package io.cadenza.api.ipfs;

import java.io.IOException;

/**
 * An IPFS node or pinning service that keeps the API's files available beyond the local block store. Pinning is
 * idempotent: pinning a file twice pins it once.
 */
public interface RemotePin {
    /**
     * Makes the remote side pin the file, whose blocks are in the local store.
     *
     * @throws PinPendingException when the remote side accepted the pin but has not finished it: ask again later
     * @throws IOException when the remote side is unreachable or refuses, or answers a CID other than ours
     */
    void pin(PinnedContent content, String name) throws IOException;

    /** Which backend this is, for logs and status. */
    String backend();

    /** The pin was accepted and is being worked on. */
    final class PinPendingException extends IOException {
        public PinPendingException(String message) {
            super(message);
        }
    }
}
