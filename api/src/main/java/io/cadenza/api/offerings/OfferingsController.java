package io.cadenza.api.offerings;

import io.cadenza.api.accounts.Caller;
import io.cadenza.api.accounts.Role;
import io.cadenza.api.idempotency.IdempotentRequests;
import io.cadenza.api.index.IndexFreshnessView;
import io.cadenza.api.masters.Master;
import io.cadenza.api.masters.MasterStore;
import io.cadenza.api.pagination.Cursor;
import io.cadenza.api.pagination.Page;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.chain.config.ChainConfiguration;
import io.cadenza.indexer.query.CapTableEntry;
import io.cadenza.indexer.query.IndexFreshness;
import io.cadenza.indexer.query.IndexReader;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import static java.time.temporal.ChronoUnit.MICROS;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Offerings: launched by a master's artist, listed and read by everyone signed in, cap table for artist and admins. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OfferingsController {
    private static final int OFFERINGS_PER_MASTER_SHOWN_MAX = 100;
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");

    private final OfferingLauncher launcher;
    private final OfferingStore offerings;
    private final MasterStore masters;
    private final IndexReader index;
    private final IdempotentRequests idempotency;
    private final OfferingDirectory directory;
    private final IndexFreshness freshness;
    private final long chainId;

    public OfferingsController(OfferingLauncher launcher, OfferingStore offerings, MasterStore masters,
            IndexReader index, IdempotentRequests idempotency, OfferingDirectory directory, IndexFreshness freshness,
            ChainConfiguration chain) {
        this.directory = directory;
        this.freshness = freshness;
        this.launcher = launcher;
        this.offerings = offerings;
        this.masters = masters;
        this.index = index;
        this.idempotency = idempotency;
        this.chainId = chain.chainId();
    }

    @Post("/masters/{masterId}/offerings")
    @Secured("ARTIST")
    public MutableHttpResponse<?> create(@PathVariable UUID masterId, @Body @Valid NewOffering request,
            @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Master master = ownMaster(masterId, caller);
        return idempotency.run(caller.accountId() + ":POST /v1/masters/" + masterId + "/offerings", idempotencyKey,
                idempotency.fingerprint(request), () -> {
                    Offering offering = launcher.launch(master, request);
                    return HttpResponse.created(OfferingView.of(offering),
                            URI.create("/v1/offerings/" + offering.id()));
                });
    }

    @Get("/masters/{masterId}/offerings")
    @Secured({"ARTIST", "ADMIN"})
    public List<OfferingView> ofMaster(@PathVariable UUID masterId, Authentication authentication) {
        Master master = ownMaster(masterId, Caller.of(authentication));
        // As stored: the catalog's progress pass moves them along, a list need not (up to 100 lookups each call).
        return offerings.byMaster(master.id(), OFFERINGS_PER_MASTER_SHOWN_MAX).stream().map(OfferingView::of)
                .toList();
    }

    /** Offerings open to investors, newest first. */
    @Get("/offerings")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Page<OfferingView> live(@Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        int pageSize = Cursor.limit(limit);
        // The cursor holds the position itself (creation time and id), and nothing is looked up by it: a cursor
        // naming an offering the caller may not see tells nothing of it, and is refused like any other.
        List<String> position = Cursor.decode(cursor, 2);
        List<Offering> page;
        try {
            page = position == null ? offerings.live(null, pageSize + 1) : offerings.liveAfter(
                    MICROS.addTo(Instant.EPOCH, Long.parseLong(position.get(0))), UUID.fromString(position.get(1)),
                    pageSize + 1);
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException notOurs) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave");
        }
        Offering last = page.size() > pageSize ? page.get(pageSize - 1) : null;
        String next = last == null ? null : Cursor.encode(Long.toString(MICROS.between(Instant.EPOCH,
                last.createdAt())), last.id().toString());
        // Offerings go live and close as the index sees their sales: a stale index means a stale list.
        return new Page<>(page.stream().limit(pageSize).map(OfferingView::of).toList(), next,
                IndexFreshnessView.of(freshness.current()));
    }

    /** Any signed-in user sees a LIVE or CLOSED offering; one being created or failed, only its artist and admins. */
    @Get("/offerings/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public OfferingView get(@PathVariable UUID id, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        // As stored: a GET changes nothing; the catalog's progress pass moves offerings along.
        Offering offering = offerings.find(id).orElseThrow(() -> notFound(id));
        boolean public_ = offering.status() == OfferingStatus.LIVE || offering.status() == OfferingStatus.CLOSED;
        if (!public_ && !ownsOrAdmin(offering, caller)) {
            throw notFound(id);
        }
        return OfferingView.of(offering);
    }

    /** Who holds the offering's shares, in address order; for the master's artist and admins. */
    @Get("/offerings/{id}/cap-table")
    @Secured({"ARTIST", "ADMIN"})
    public Page<CapTableView> capTable(@PathVariable UUID id, @Nullable @QueryValue String cursor,
            @Nullable @QueryValue Integer limit, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        int pageSize = Cursor.limit(limit);
        List<String> position = Cursor.decode(cursor, 1);
        String after = position == null ? null : position.getFirst();
        if (after != null && !ADDRESS.matcher(after).matches()) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave");
        }
        Optional<OfferingDirectory.Entry> created = directory.find(id);
        if (created.isEmpty()) {
            // Not created on chain yet (no holders), or unknown: the owner sees an empty table, others nothing.
            offerings.find(id).filter(found -> ownsOrAdmin(found, caller)).orElseThrow(() -> notFound(id));
            return new Page<>(List.of(), null, IndexFreshnessView.of(freshness.current()));
        }
        if (caller.role() != Role.ADMIN && !created.get().artistId().equals(caller.accountId())) {
            throw notFound(id);
        }
        List<CapTableEntry> entries = index.capTable(chainId, created.get().sharesAddress(), after, pageSize + 1);
        String next = entries.size() > pageSize ? Cursor.encode(entries.get(pageSize - 1).holder()) : null;
        return new Page<>(entries.stream().limit(pageSize).map(CapTableView::of).toList(), next,
                IndexFreshnessView.of(freshness.current()));
    }

    private Master ownMaster(UUID masterId, Caller caller) {
        return masters.find(masterId).filter(master -> caller.role() == Role.ADMIN
                        || master.artistId().equals(caller.accountId()))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No master " + masterId + "."));
    }

    private boolean ownsOrAdmin(Offering offering, Caller caller) {
        return caller.role() == Role.ADMIN || masters.find(offering.masterId())
                .map(master -> master.artistId().equals(caller.accountId())).orElse(false);
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No offering " + id + ".");
    }

    private static UUID parseId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave");
        }
    }
}
