package io.cadenza.api.ipfs;

import io.cadenza.api.database.Statements;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Timestamp;
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
    private final Statements sql;
    private final BlockStore blocks;
    private final Clock clock;
    private final List<RemotePin> remotes;

    public ContentPins(Statements sql, BlockStore blocks, Clock clock, List<RemotePin> remotes) {
        this.sql = sql;
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
        sql.update("insert into catalog_content (cid, media_type, bytes, pinned_at) values (?, ?, ?, ?)"
                + " on conflict (cid) do nothing", insert -> {
                    insert.setString(1, content.cid());
                    insert.setString(2, content.mediaType());
                    insert.setLong(3, content.bytes());
                    insert.setTimestamp(4, Timestamp.from(clock.instant()));
                });
    }

    /** A pinned file and when it was pinned. */
    public record Pinned(PinnedContent content, Instant pinnedAt) {}

    public Optional<Pinned> find(String cid) {
        return sql.one("select cid, bytes, media_type, pinned_at from catalog_content where cid = ?",
                select -> select.setString(1, cid),
                row -> new Pinned(new PinnedContent(row.getString(1), row.getLong(2), row.getString(3)),
                        row.getTimestamp(4).toInstant()));
    }

    /** Every pinned file, for the block sweep. */
    public List<PinnedContent> all() {
        return sql.list("select cid, bytes, media_type from catalog_content", select -> {},
                row -> new PinnedContent(row.getString(1), row.getLong(2), row.getString(3)));
    }
}
