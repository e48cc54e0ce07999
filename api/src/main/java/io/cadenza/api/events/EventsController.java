package io.cadenza.api.events;

import io.cadenza.api.accounts.Caller;
import io.cadenza.api.accounts.RevokedSessions;
import io.cadenza.api.accounts.Sessions;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.api.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The caller's events as Server-Sent Events: masters registered or failed, offerings live, purchases, issues,
 * distributions and claims. Each event's id is its position in the caller's stream: reconnecting with
 * {@code Last-Event-ID} resumes right after it, with nothing lost or repeated. Without it the stream starts now.
 * A stream ends with a {@code session-ended} event when its access token expires or its login ends, and an account
 * has at most {@code cadenza.events.streams-per-account} streams open (see {@link StreamAdmissions}).
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

    /** How often an open stream looks whether its login has ended (an in-memory check). */
    static final Duration SESSION_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final AccountEvents events;
    private final AccountEventBus bus;
    private final StreamShutdown shutdown;
    private final StreamAdmissions admissions;
    private final RevokedSessions revoked;
    private final Clock clock;

    public EventsController(AccountEvents events, AccountEventBus bus, StreamShutdown shutdown,
            StreamAdmissions admissions, RevokedSessions revoked, Clock clock) {
        this.events = events;
        this.bus = bus;
        this.shutdown = shutdown;
        this.admissions = admissions;
        this.revoked = revoked;
        this.clock = clock;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    public Mono<MutableHttpResponse<Publisher<Event<String>>>> stream(
            @Nullable @Header("Last-Event-ID") String lastEventId, Authentication authentication) {
        UUID account = Caller.of(authentication).accountId();
        long resumeAfter = parse(lastEventId);
        UUID stream = UUID.randomUUID();
        // Admitted (or refused with a problem) before the response starts: an error inside the stream would be a 500.
        return admissions.admit(account, stream).flatMap(admitted -> {
            if (!admitted) {
                return Mono.error(new ProblemException(ProblemType.TOO_MANY_STREAMS, "This account has "
                        + admissions.perAccount() + " event streams open already; close one first.")
                        .retryAfter(HEARTBEAT_INTERVAL));
            }
            return Mono.fromCallable(() -> resumeAfter >= 0 ? resumeAfter : events.latestId(account))
                    .subscribeOn(Schedulers.boundedElastic())
                    .doOnError(failed -> admissions.release(account, stream))
                    .map(after -> HttpResponse.ok(events(account, stream, after, authentication)));
        });
    }

    private Publisher<Event<String>> events(UUID account, UUID stream, long after, Authentication authentication) {
        // Deferred: nothing runs (and no lease outlives the request) unless the response body is subscribed.
        return Flux.defer(() -> {
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
                    .doOnNext(beat -> admissions.renew(account, stream))
                    .map(beat -> Event.of("{}").name("heartbeat"));
            // The stream lasts as long as its login and its token: it ends with a last event saying why, and the
            // client opens a new one with a fresh token (and the last id seen). At shutdown, it is told to reconnect.
            Sinks.One<Event<String>> closing = Sinks.one();
            Disposable watch = Mono.firstWithValue(
                    sessionEnd(authentication),
                    shutdown.closing().then(Mono.fromSupplier(() -> Event.of("{\"reconnect\":true}").name("shutdown")
                            .retry(RECONNECT_AFTER))))
                    .subscribe(closing::tryEmitValue);
            return Flux.merge(stored, heartbeats).takeUntilOther(closing.asMono())
                    .concatWith(closing.asMono())
                    .doFinally(signal -> {
                        watch.dispose();
                        admissions.release(account, stream);
                    });
        });
    }

    /** Emits the stream's last event when its access token expires or its login ends (logout, reuse). */
    private Mono<Event<String>> sessionEnd(Authentication authentication) {
        Object session = authentication.getAttributes().get(Sessions.SESSION_CLAIM);
        Instant expiry = expiry(authentication.getAttributes().get("exp"));
        Mono<String> expired = expiry == null ? Mono.never()
                : Mono.delay(Duration.between(clock.instant(), expiry).isNegative() ? Duration.ZERO
                        : Duration.between(clock.instant(), expiry)).map(done -> "token-expired");
        Mono<String> loggedOut = session == null ? Mono.never()
                : Flux.interval(SESSION_CHECK_INTERVAL).filter(tick -> revoked.isRevoked(session.toString()))
                        .next().map(tick -> "logged-out");
        return Mono.firstWithValue(expired, loggedOut).map(reason -> Event.of("{\"reason\":\"" + reason + "\"}")
                .name("session-ended"));
    }

    private static Instant expiry(Object claim) {
        return switch (claim) {
            case java.util.Date date -> date.toInstant();
            case Number seconds -> Instant.ofEpochSecond(seconds.longValue());
            case null, default -> null;
        };
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
