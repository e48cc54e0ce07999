package io.cadenza.api.index;

import io.cadenza.api.pagination.Page;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Lists read from the index carry its freshness in headers too, for clients and caches that do not parse bodies:
 * {@value #STATUS} ({@code current}, {@code lagging}, {@code halted}, {@code unknown}), {@value #BLOCK}, and
 * {@value #LAG} when the node's head is known. The figures are the ones the body's {@code index} field gives.
 */
@ServerFilter("/v1/**")
public class IndexFreshnessHeaders {
    public static final String STATUS = "Cadenza-Index-Status";
    public static final String BLOCK = "Cadenza-Index-Block";
    public static final String LAG = "Cadenza-Index-Lag-Blocks";

    @ResponseFilter
    public void addFreshness(MutableHttpResponse<?> response) {
        if (response.body() instanceof Page<?> page && page.index() != null) {
            IndexFreshnessView index = page.index();
            response.header(STATUS, index.status());
            response.header(BLOCK, Long.toString(index.indexedBlock()));
            if (index.lagBlocks() != null) {
                response.header(LAG, Long.toString(index.lagBlocks()));
            }
        }
    }
}
