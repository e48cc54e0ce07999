package io.cadenza.api.admin;

import io.cadenza.api.twofactor.StepUp;
import io.cadenza.api.audit.AuditTrail;
import io.cadenza.chain.audit.AuditRecord;

import io.cadenza.api.accounts.Caller;
import io.cadenza.api.idempotency.IdempotentRequests;
import io.cadenza.api.offerings.Offering;
import io.cadenza.api.offerings.OfferingStatus;
import io.cadenza.api.offerings.OfferingStore;
import io.cadenza.api.pagination.Cursor;
import io.cadenza.api.pagination.Page;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.api.wallets.WalletStore;
import io.cadenza.chain.calls.PlatformCalls;
import io.cadenza.chain.outbox.ChainTransaction;
import io.cadenza.chain.outbox.TransactionIntent;
import io.cadenza.chain.outbox.TransactionOutbox;
import io.cadenza.chain.outbox.TransactionStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Operators' actions on offerings (compliance allowlist, pause) and their view of the transaction outbox. Each chain
 * action is an outbox intent: the answer is 202 with the intent, whose status the outbox list shows as it advances.
 */
@Controller("/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
public class AdminController {
    private final OfferingStore offerings;
    private final WalletStore wallets;
    private final TransactionOutbox outbox;
    private final IdempotentRequests idempotency;
    private final AuditTrail audit;
    /** Accounts shown in the gas report: those that caused the most. */
    private static final int GAS_REQUESTERS_SHOWN = 50;

    public AdminController(OfferingStore offerings, WalletStore wallets, TransactionOutbox outbox,
            IdempotentRequests idempotency, AuditTrail audit) {
        this.audit = audit;
        this.offerings = offerings;
        this.wallets = wallets;
        this.outbox = outbox;
        this.idempotency = idempotency;
    }

    @Serdeable
    public record WalletRequest(@NotBlank @Pattern(regexp = "0x[0-9a-fA-F]{40}",
            message = "must be a 20-byte hex address starting with 0x") String wallet, boolean allowed) {}

    /**
     * Allows (or stops) a wallet for an offering whose transfers are restricted. Only wallets proved by Sign-In with
     * Ethereum and linked to an account can be allowed: compliance checks people, and the link names the person.
     */
    @Post("/offerings/{id}/allowlist")
    @StepUp
    public MutableHttpResponse<?> allowlist(@PathVariable UUID id, @Body @Valid WalletRequest request,
            @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey, Authentication authentication) {
        Offering offering = live(id);
        String wallet = request.wallet().toLowerCase(Locale.ROOT);
        if (request.allowed() && wallets.find(wallet).isEmpty()) {
            throw ProblemException.invalidField("wallet", "must be a wallet linked to an account (verified by SIWE)");
        }
        return idempotency.run(Caller.of(authentication).accountId() + ":POST /v1/admin/offerings/" + id
                + "/allowlist", idempotencyKey, idempotency.fingerprint(request), () -> accepted(
                        PlatformCalls.setWalletVerified("allowlist:" + offering.sharesAddress() + ":" + wallet + ":"
                                + request.allowed() + ":" + UUID.randomUUID(), offering.sharesAddress(), wallet,
                                request.allowed()), authentication, "offering.allowlist", id,
                        AuditRecord.state("wallet", wallet, "allowed", request.allowed())));
    }

    @Post("/offerings/{id}/pause")
    @StepUp
    public MutableHttpResponse<?> pause(@PathVariable UUID id,
            @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey, Authentication authentication) {
        return setPaused(id, true, idempotencyKey, authentication);
    }

    @Post("/offerings/{id}/unpause")
    @StepUp
    public MutableHttpResponse<?> unpause(@PathVariable UUID id,
            @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey, Authentication authentication) {
        return setPaused(id, false, idempotencyKey, authentication);
    }

    /** The outbox, newest first; {@code status=FAILED} shows what needs an operator. */
    @Get("/outbox")
    public Page<OutboxEntryView> outbox(@Nullable @QueryValue String status, @Nullable @QueryValue String cursor,
            @Nullable @QueryValue Integer limit) {
        TransactionStatus wanted = null;
        if (status != null) {
            try {
                wanted = TransactionStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status", "must be one of " + List.of(TransactionStatus.values()));
            }
        }
        int pageSize = Cursor.limit(limit);
        List<String> position = Cursor.decode(cursor, 1);
        long beforeId;
        try {
            beforeId = position == null ? Long.MAX_VALUE : Long.parseLong(position.getFirst());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave");
        }
        List<ChainTransaction> page = outbox.page(wanted, beforeId, pageSize + 1);
        String next = page.size() > pageSize ? Cursor.encode(Long.toString(page.get(pageSize - 1).id())) : null;
        return new Page<>(page.stream().limit(pageSize).map(OutboxEntryView::of).toList(), next);
    }

    private MutableHttpResponse<?> setPaused(UUID id, boolean paused, @Nullable String idempotencyKey,
            Authentication authentication) {
        Offering offering = live(id);
        String action = paused ? "pause" : "unpause";
        return idempotency.run(Caller.of(authentication).accountId() + ":POST /v1/admin/offerings/" + id + "/"
                + action, idempotencyKey, idempotency.fingerprint(action), () -> accepted(PlatformCalls.setPaused(
                        action + ":" + offering.sharesAddress() + ":" + UUID.randomUUID(), offering.sharesAddress(),
                        paused), authentication, "offering." + action, id, AuditRecord.state("paused", paused)));
    }

    /**
     * Submits the admin's intent, its gas counted against the admin who asked for it, and audits the action with it
     * (one transaction: the entry names the intent that carries the action out).
     */
    private MutableHttpResponse<?> accepted(TransactionIntent intent, Authentication authentication, String action,
            UUID offeringId, java.util.Map<String, Object> after) {
        UUID admin = Caller.of(authentication).accountId();
        TransactionIntent requested = intent.requestedBy(admin);
        ChainTransaction submitted = audit.recording(() -> outbox.submit(requested), stored -> new AuditRecord(
                AuditRecord.account(admin), action, "offering:" + offeringId, null,
                withIntent(after, stored.idempotencyKey())));
        return HttpResponse.status(HttpStatus.ACCEPTED).body(OutboxEntryView.of(submitted));
    }

    private static java.util.Map<String, Object> withIntent(java.util.Map<String, Object> after, String intentKey) {
        java.util.Map<String, Object> state = new java.util.LinkedHashMap<>(after);
        state.put("intent", intentKey);
        return state;
    }

    /**
     * What the operator's gas paid for over the last {@code days} (7 by default, at most 90): per UTC day, and the
     * accounts that caused the most of it ({@code account:<id>}; null is the platform's own writes).
     */
    @Get("/gas-spending")
    public GasSpendingView gasSpending(@Nullable @QueryValue Integer days) {
        int window = days == null ? 7 : days;
        if (window < 1 || window > 90) {
            throw ProblemException.invalidField("days", "must be between 1 and 90");
        }
        java.time.Instant since = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(window - 1L)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return GasSpendingView.of(outbox.gasSpending(since, GAS_REQUESTERS_SHOWN));
    }

    private Offering live(UUID id) {
        Offering offering = offerings.find(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No offering " + id + "."));
        if (offering.sharesAddress() == null || offering.status() == OfferingStatus.FAILED) {
            throw new ProblemException(ProblemType.CONFLICT, "The offering has no share token yet ("
                    + offering.status() + ").");
        }
        return offering;
    }
}
