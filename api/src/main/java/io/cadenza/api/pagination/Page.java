package io.cadenza.api.pagination;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cadenza.api.index.IndexFreshnessView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a list. {@code nextCursor} is opaque to clients: pass it back as {@code cursor} for the next page; it
 * is null on the last page. A list read from the chain's index says how current the index is in {@code index}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Page<T>(List<T> data, @Nullable String nextCursor,
        @Nullable @JsonInclude(JsonInclude.Include.NON_NULL) IndexFreshnessView index) {

    public Page(List<T> data, @Nullable String nextCursor) {
        this(data, nextCursor, null);
    }
}
