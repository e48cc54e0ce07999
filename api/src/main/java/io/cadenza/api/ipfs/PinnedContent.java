package io.cadenza.api.ipfs;

import io.micronaut.serde.annotation.Serdeable;

/** A file added to IPFS and pinned: its CIDv1 (base32), size and MIME type. */
@Serdeable
public record PinnedContent(String cid, long bytes, String mediaType) {}
