package io.cadenza.api.pagination;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a list. {@code nextCursor} is opaque to clients: pass it back as {@code cursor} for the next page; it
 * is null on the last page.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Page<T>(List<T> data, @Nullable String nextCursor) {}
