package io.cadenza.api.royalties;

import io.cadenza.api.pagination.Cursor;
import io.cadenza.api.pagination.Page;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.api.text.Plain;
import io.cadenza.jobs.ledger.LedgerViews;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger for admins, in cursor pages: accounts with their balances (filtered by a code prefix, e.g.
 * {@code unclaimed/offering:0x…}), entries newest first with their postings, and one account's history with the
 * balance after each posting (its balance as of any entry). Amounts are minor units, as decimal text.
 */
@Controller("/v1/admin/ledger")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
public class AdminLedgerController {
    private final LedgerViews views;

    public AdminLedgerController(LedgerViews views) {
        this.views = views;
    }

    @Serdeable
    public record AccountView(String code, String kind, String scope, String asset, String balance,
            @Nullable Long lastEntryId) {}

    @Serdeable
    public record PostingView(String account, String amount, String balanceAfter) {}

    @Serdeable
    public record EntryView(long id, String businessKey, String description, @Nullable Long reverses,
            Instant occurredAt, Instant recordedAt, List<PostingView> postings) {}

    @Serdeable
    public record HistoryView(long entryId, String businessKey, String description, Instant occurredAt,
            Instant recordedAt, String amount, String balanceAfter) {}

    @Get(uri = "/accounts", produces = MediaType.APPLICATION_JSON)
    public Page<AccountView> accounts(@Nullable @QueryValue @Plain @Size(max = 300) String prefix,
            @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        int pageSize = Cursor.limit(limit);
        List<String> parts = Cursor.decode(cursor, 1);
        List<LedgerViews.AccountBalance> page = views.accounts(parts == null ? "" : parts.getFirst(),
                prefix == null ? "" : prefix, pageSize + 1);
        LedgerViews.AccountBalance last = page.size() > pageSize ? page.get(pageSize - 1) : null;
        return new Page<>(page.stream().limit(pageSize).map(account -> new AccountView(account.code(), account.kind(),
                account.scope(), account.asset(), account.balance().toString(), account.lastEntryId())).toList(),
                last == null ? null : Cursor.encode(last.code()));
    }

    @Get(uri = "/entries", produces = MediaType.APPLICATION_JSON)
    public Page<EntryView> entries(@Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        int pageSize = Cursor.limit(limit);
        List<LedgerViews.EntryRow> page = views.entries(before(cursor), pageSize + 1);
        LedgerViews.EntryRow last = page.size() > pageSize ? page.get(pageSize - 1) : null;
        return new Page<>(withPostings(page.stream().limit(pageSize).toList()),
                last == null ? null : Cursor.encode(Long.toString(last.id())));
    }

    @Get(uri = "/entries/{id}", produces = MediaType.APPLICATION_JSON)
    public EntryView entry(@PathVariable long id) {
        return withPostings(List.of(views.findById(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No ledger entry " + id + ".")))).getFirst();
    }

    /** One account's postings newest first; {@code account} is its code. */
    @Get(uri = "/history", produces = MediaType.APPLICATION_JSON)
    public Page<HistoryView> history(@QueryValue @Plain @Size(max = 300) String account,
            @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        int pageSize = Cursor.limit(limit);
        List<LedgerViews.HistoryRow> page = views.history(account, before(cursor), pageSize + 1);
        LedgerViews.HistoryRow last = page.size() > pageSize ? page.get(pageSize - 1) : null;
        return new Page<>(page.stream().limit(pageSize).map(row -> new HistoryView(row.entryId(), row.businessKey(),
                row.description(), row.occurredAt(), row.recordedAt(), row.amount().toString(),
                row.balanceAfter().toString())).toList(), last == null ? null : Cursor.encode(Long.toString(
                        last.entryId())));
    }

    private List<EntryView> withPostings(List<LedgerViews.EntryRow> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<Long, List<PostingView>> postings = new LinkedHashMap<>();
        views.postings(entries.stream().map(LedgerViews.EntryRow::id).toList()).forEach(posting ->
                postings.computeIfAbsent(posting.entryId(), id -> new java.util.ArrayList<>()).add(new PostingView(
                        posting.account(), posting.amount().toString(), posting.balanceAfter().toString())));
        return entries.stream().map(entry -> new EntryView(entry.id(), entry.businessKey(), entry.description(),
                entry.reverses(), entry.occurredAt(), entry.recordedAt(), postings.getOrDefault(entry.id(), List.of())))
                .toList();
    }

    private static long before(@Nullable String cursor) {
        List<String> parts = Cursor.decode(cursor, 1);
        try {
            return parts == null ? Long.MAX_VALUE : Long.parseLong(parts.getFirst());
        } catch (NumberFormatException notOurs) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave");
        }
    }
}
