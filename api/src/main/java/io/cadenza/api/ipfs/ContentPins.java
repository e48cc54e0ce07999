package io.cadenza.api.ipfs;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.time.Instant;
import java.util.Optional;

/**
 * Pins files whose blocks are in the local store: on the configured remote node or service, and here, where a pinned
 * file is kept and served at {@code /ipfs/{cid}}. Pinning twice is a no-op everywhere.
 */
@Singleton
public class ContentPins {
    private final PinnedFiles files;
    private final BlockStore blocks;
    private final Clock clock;
    private final List<RemotePin> remotes;

    public ContentPins(PinnedFiles files, BlockStore blocks, Clock clock, List<RemotePin> remotes) {
        this.files = files;
        this.blocks = blocks;
        this.clock = clock;
        this.remotes = List.copyOf(remotes);
    }

    /**
     * Pins the file on every configured remote, then records it as served here.
     *
     * @throws RemotePin.PinPendingException when a remote accepted the pin but has not finished it
     * @throws IOException when a remote is unreachable, refuses, or answers another CID
     */
    public void pin(PinnedContent content, String name) throws IOException {
        for (RemotePin remote : remotes) {
            remote.pin(content, name);
        }
        record(content);
    }

    private void record(PinnedContent content) throws IOException {
        if (!blocks.has(Cid.parse(content.cid()))) {
            throw new IllegalStateException("cannot pin " + content.cid() + ": its root block is not stored");
        }
        files.recordIfAbsent(content.cid(), content.mediaType(), content.bytes(), clock.instant());
    }

    /** A pinned file and when it was pinned. */
    public record Pinned(PinnedContent content, Instant pinnedAt) {}

    public Optional<Pinned> find(String cid) {
        return files.findByCid(cid).map(file -> new Pinned(file.content(), file.pinnedAt()));
    }

    /** Every pinned file, for the block sweep. */
    public List<PinnedContent> all() {
        return files.all().stream().map(PinnedFile::content).toList();
    }
}
