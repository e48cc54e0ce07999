package io.cadenza.api.ratelimit;

import io.cadenza.api.problem.Problem;
import io.cadenza.api.problem.ProblemType;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.netty.NettyHttpRequest;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Fixed-window counters in Redis, shared by every instance. Counting is asynchronous (never blocks the event loop);
 * if Redis is unreachable requests pass, as limiting is protection, not correctness.
 */
@Singleton
public class RateLimits {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);
    /** Increments a window's count, starting its expiry with the first request; answers the count and time left. */
    private static final String COUNT_SCRIPT = "local count = redis.call('INCR', KEYS[1]) "
            + "if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
            + "return {count, redis.call('PTTL', KEYS[1])}";

    private final StatefulRedisConnection<String, String> redis;
    private final RateLimitConfiguration configuration;

    public RateLimits(StatefulRedisConnection<String, String> redis, RateLimitConfiguration configuration) {
        this.redis = redis;
        this.configuration = configuration;
    }

    /** One limit: a counter's name and how many requests it allows per window. */
    public record Limit(String key, int allowed) {}

    public RateLimitConfiguration configuration() {
        return configuration;
    }

    /** Counts the request against each limit: empty to proceed, or the 429 answer when one is exceeded. */
    public Mono<MutableHttpResponse<?>> check(HttpRequest<?> request, List<Limit> limits) {
        long window = configuration.window().toMillis();
        long windowIndex = System.currentTimeMillis() / window;
        List<CompletableFuture<Long>> waits = new ArrayList<>();
        for (Limit limit : limits) {
            String key = "cadenza:rate:" + limit.key() + ":" + windowIndex;
            waits.add(redis.async().<List<Long>>eval(COUNT_SCRIPT, ScriptOutputType.MULTI, new String[] {key},
                    Long.toString(window)).toCompletableFuture()
                    .thenApply(answer -> answer.get(0) > limit.allowed() ? Math.max(answer.get(1), 1) : 0L));
        }
        CompletableFuture<Long> longestWait = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
                .thenApply(done -> waits.stream().mapToLong(CompletableFuture::join).max().orElse(0));
        // Lettuce completes its futures on its own I/O thread; the rest of the request (authentication, filters,
        // non-blocking routes) must not run there: it would hold up every Redis answer behind it, and a synchronous
        // Redis call further on would wait for the very thread it blocks. Back to the request's event loop.
        return Mono.fromCompletionStage(longestWait)
                .publishOn(Schedulers.fromExecutor(eventLoopOf(request)))
                .onErrorResume(failure -> {
                    LOG.warn("rate limits could not be counted; letting the request through", failure);
                    return Mono.just(0L);
                })
                .flatMap(waitMillis -> waitMillis > 0 ? Mono.just(tooMany(request, waitMillis)) : Mono.empty());
    }

    private static Executor eventLoopOf(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty) {
            return netty.getChannelHandlerContext().channel().eventLoop();
        }
        return Schedulers.boundedElastic()::schedule; // not served by Netty: any thread but Lettuce's
    }

    /** The client's address: the connection's, or the proxy's X-Forwarded-For when configured to trust it. */
    public String clientAddress(HttpRequest<?> request) {
        if (configuration.trustForwardedFor()) {
            String forwarded = request.getHeaders().get("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].strip();
            }
        }
        return request.getRemoteAddress().getAddress().getHostAddress();
    }

    private static MutableHttpResponse<?> tooMany(HttpRequest<?> request, long waitMillis) {
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return HttpResponse.status(ProblemType.RATE_LIMITED.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(ProblemType.RATE_LIMITED, "Too many requests; retry after " + seconds + " s.",
                        request.getPath()));
    }
}
