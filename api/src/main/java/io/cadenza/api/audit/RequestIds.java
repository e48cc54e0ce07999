package io.cadenza.api.audit;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Gives every request an id, answered in {@code X-Request-Id} and written into the audit entries it causes: a
 * client's (or a proxy's) own id when it sends a sane one, else a new one. Support and auditors meet on it.
 */
@Filter("/**")
public class RequestIds implements HttpServerFilter {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "cadenza.request-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** The id of {@code request}, once this filter has seen it. */
    public static Optional<String> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class);
    }

    @Override
    public int getOrder() {
        // First of all, so that even a request refused by a rate limit or by authentication answers its id.
        return ServerFilterPhase.FIRST.before();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String sent = request.getHeaders().get(HEADER);
        String id = sent != null && SANE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        return Flux.from(chain.proceed(request)).map(response -> response.header(HEADER, id));
    }
}
