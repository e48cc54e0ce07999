package io.cadenza.api.ipfs;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The files pinned so far ({@code catalog_content}); a file is recorded once, when first pinned. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PinnedFiles extends GenericRepository<PinnedFile, String> {

    @Query("""
            insert into catalog_content (cid, media_type, bytes, pinned_at) values (:cid, :mediaType, :bytes, :pinnedAt)
            on conflict (cid) do nothing""")
    void recordIfAbsent(String cid, String mediaType, long bytes, Instant pinnedAt);

    Optional<PinnedFile> findByCid(String cid);

    /** Every pinned file, for the block sweep. */
    @Query("select cid, media_type, bytes, pinned_at from catalog_content")
    List<PinnedFile> all();
}
