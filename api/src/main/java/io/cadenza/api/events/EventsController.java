package io.cadenza.api.events;

import io.cadenza.api.accounts.Caller;
import io.cadenza.api.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The caller's events as Server-Sent Events: masters registered or failed, offerings live, purchases, issues,
 * distributions and claims. Each event's id is its position in the caller's stream: reconnecting with
 * {@code Last-Event-ID} resumes right after it, with nothing lost or repeated. Without it the stream starts now.
 */
@Controller("/v1/events")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class EventsController {
    /** Events read per query: a stream far behind catches up in bounded steps. */
    public static final int EVENTS_PER_READ_MAX = 100;
    /** Streams also poll, so that a lost Redis announcement only delays an event. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
    /** Keeps proxies from closing an idle stream. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

    /** How soon a client told to reconnect at shutdown should try again. */
    public static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

    private final AccountEvents events;
    private final AccountEventBus bus;
    private final StreamShutdown shutdown;

    public EventsController(AccountEvents events, AccountEventBus bus, StreamShutdown shutdown) {
        this.events = events;
        this.bus = bus;
        this.shutdown = shutdown;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<String>> stream(@Nullable @Header("Last-Event-ID") String lastEventId,
            Authentication authentication) {
        UUID account = Caller.of(authentication).accountId();
        long resumeAfter = parse(lastEventId);
        Mono<Long> start = Mono.fromCallable(() -> resumeAfter >= 0 ? resumeAfter : events.latestId(account))
                .subscribeOn(Schedulers.boundedElastic());
        return start.flatMapMany(after -> {
            AtomicLong last = new AtomicLong(after);
            Flux<Boolean> ticks = Flux.merge(Flux.just(true), bus.wakeups(account).map(woken -> true),
                            Flux.interval(POLL_INTERVAL).map(polled -> true))
                    .onBackpressureLatest();
            Flux<Event<String>> stored = ticks
                    .concatMap(tick -> read(account, last)
                            .expand(batch -> batch.size() == EVENTS_PER_READ_MAX ? read(account, last) : Mono.empty()),
                            1)
                    .flatMapIterable(batch -> batch)
                    .map(event -> Event.of(event.data()).id(Long.toString(event.id())).name(event.type()));
            // The first heartbeat goes out at once: the response starts, and the client knows the stream is open.
            Flux<Event<String>> heartbeats = Flux.interval(Duration.ZERO, HEARTBEAT_INTERVAL)
                    .map(beat -> Event.of("{}").name("heartbeat"));
            // At shutdown the stream ends with a last event: reconnect, with the last id seen, after a second.
            return Flux.merge(stored, heartbeats).takeUntilOther(shutdown.closing().then(Mono.just(true)))
                    .concatWith(Mono.fromSupplier(() -> Event.of("{\"reconnect\":true}").name("shutdown")
                            .retry(RECONNECT_AFTER)));
        });
    }

    private Mono<List<AccountEvent>> read(UUID account, AtomicLong last) {
        return Mono.fromCallable(() -> drain(account, last)).subscribeOn(Schedulers.boundedElastic());
    }

    /** The next events stored after {@code last}, a bounded read; moves {@code last} past them. */
    private List<AccountEvent> drain(UUID account, AtomicLong last) {
        List<AccountEvent> batch = events.after(account, last.get(), EVENTS_PER_READ_MAX);
        if (!batch.isEmpty()) {
            last.set(batch.getLast().id());
        }
        return batch;
    }

    private static long parse(@Nullable String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return -1;
        }
        try {
            long id = Long.parseLong(lastEventId.strip());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("Last-Event-ID", "must be the id of an event this stream sent");
        }
    }
}
