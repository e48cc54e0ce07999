package io.cadenza.api.ipfs;

import io.cadenza.api.database.MigratedSchema;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Pins files whose blocks are in the local store: on the configured remote node or service, and here, where a pinned
 * file is kept and served at {@code /ipfs/{cid}}. Pinning twice is a no-op everywhere.
 */
@Singleton
public class ContentPins {
    private final DataSource dataSource;
    private final BlockStore blocks;
    private final Clock clock;
    private final List<RemotePin> remotes;

    public ContentPins(DataSource dataSource, BlockStore blocks, Clock clock, List<RemotePin> remotes,
            MigratedSchema schema) {
        this.dataSource = dataSource;
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

    private void record(PinnedContent content) {
        try {
            if (!blocks.has(Cid.parse(content.cid()))) {
                throw new IllegalStateException("cannot pin " + content.cid() + ": its root block is not stored");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into catalog_content"
                        + " (cid, media_type, bytes, pinned_at) values (?, ?, ?, ?) on conflict (cid) do nothing")) {
            insert.setString(1, content.cid());
            insert.setString(2, content.mediaType());
            insert.setLong(3, content.bytes());
            insert.setTimestamp(4, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a pin", e);
        }
    }

    public Optional<PinnedContent> find(String cid) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select cid, bytes, media_type from catalog_content where cid = ?")) {
            select.setString(1, cid);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new PinnedContent(row.getString(1), row.getLong(2), row.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read a pin", e);
        }
    }
}
