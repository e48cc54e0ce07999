package io.cadenza.api.disputes;

import io.cadenza.api.twofactor.StepUp;
import io.cadenza.api.accounts.Caller;
import io.cadenza.api.pagination.Cursor;
import io.cadenza.api.pagination.Page;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.text.Plain;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * ISRC disputes: an artist claims an ISRC another account registered ({@code POST /v1/isrc-disputes}) and sees the
 * disputes they are a party to; admins list them by status and decide
 * ({@code POST /v1/admin/isrc-disputes/{id}/decision}).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class IsrcDisputesController {
    private static final int PARTY_DISPUTES_SHOWN = 100;

    private final IsrcDisputes disputes;
    private final DisputeStore store;

    public IsrcDisputesController(IsrcDisputes disputes, DisputeStore store) {
        this.disputes = disputes;
        this.store = store;
    }

    /** A claim to an ISRC: the ISRC, and the grounds (a contract, a distributor's statement) for the admins. */
    @Serdeable
    public record Claim(@NotBlank @Size(max = 20) String isrc, @NotBlank @Plain @Size(max = 2000) String claim) {}

    /** An admin's decision: uphold (void the registration) or dismiss, with the reason both parties are told. */
    @Serdeable
    public record Decision(@NotNull Boolean uphold, @NotBlank @Plain @Size(max = 2000) String reason) {}

    @Post("/v1/isrc-disputes")
    @Secured("ARTIST")
    public MutableHttpResponse<IsrcDispute> open(@Body @Valid Claim claim, Authentication authentication) {
        IsrcDispute opened = disputes.open(Caller.of(authentication).accountId(), claim.isrc(), claim.claim());
        return HttpResponse.created(opened, URI.create("/v1/isrc-disputes/" + opened.id()));
    }

    /** The disputes the caller is a party to, as claimant or holder, newest first. */
    @Get("/v1/isrc-disputes")
    @Secured("ARTIST")
    public List<IsrcDispute> mine(Authentication authentication) {
        return store.ofParty(Caller.of(authentication).accountId(), PARTY_DISPUTES_SHOWN);
    }

    @Get("/v1/admin/isrc-disputes")
    @Secured("ADMIN")
    public Page<IsrcDispute> list(@Nullable @QueryValue String status, @Nullable @QueryValue String cursor,
            @Nullable @QueryValue Integer limit) {
        String wanted = status == null ? "OPEN" : status.toUpperCase(Locale.ROOT);
        if (!List.of("OPEN", "UPHELD", "DISMISSED").contains(wanted)) {
            throw ProblemException.invalidField("status", "must be OPEN, UPHELD or DISMISSED");
        }
        int pageSize = Cursor.limit(limit);
        Cursor.CreatedAfter after = Cursor.CreatedAfter.decode(cursor);
        List<IsrcDispute> page = store.byStatus(wanted, after.createdAt(), after.id(), pageSize + 1);
        IsrcDispute last = page.size() > pageSize ? page.get(pageSize - 1) : null;
        return new Page<>(page.stream().limit(pageSize).toList(),
                last == null ? null : new Cursor.CreatedAfter(last.createdAt(), last.id()).encode());
    }

    @Post("/v1/admin/isrc-disputes/{id}/decision")
    @StepUp
    @Secured("ADMIN")
    public IsrcDispute decide(@PathVariable UUID id, @Body @Valid Decision decision, Authentication authentication) {
        return disputes.decide(id, decision.uphold(), decision.reason(), Caller.of(authentication).accountId());
    }
}
