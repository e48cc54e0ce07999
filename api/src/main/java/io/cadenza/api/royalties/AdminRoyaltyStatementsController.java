package io.cadenza.api.royalties;

import io.cadenza.api.twofactor.StepUp;
import io.cadenza.api.accounts.Caller;
import io.cadenza.api.pagination.Cursor;
import io.cadenza.api.pagination.Page;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.api.text.Plain;
import io.cadenza.jobs.statements.LineMatch;
import io.cadenza.jobs.statements.NewStatement;
import io.cadenza.jobs.statements.RoyaltyConfiguration;
import io.cadenza.jobs.statements.RoyaltyStatement;
import io.cadenza.jobs.statements.RoyaltyStatements;
import io.cadenza.jobs.statements.StatementCsv;
import io.cadenza.jobs.statements.StatementException;
import io.cadenza.jobs.statements.StatementLine;
import io.cadenza.jobs.statements.StatementLineStore;
import io.cadenza.jobs.statements.StatementStore;
import io.cadenza.jobs.distributions.DistributionPrompts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Royalty statements for admins: recorded as JSON or as a distributor's CSV, their lines listed and the unmatched ones
 * resolved or dropped, then approved (four eyes) or rejected. The approval that completes the count moves the money
 * and starts the distributions.
 */
@Controller("/v1/admin/royalty-statements")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
public class AdminRoyaltyStatementsController {
    /** 100,000 lines of a distributor's usual columns fit in well under this. */
    static final int CSV_BYTES_MAX = 32 * 1024 * 1024;

    private final RoyaltyStatements statements;
    private final StatementStore store;
    private final StatementLineStore lines;
    private final DistributionPrompts prompts;
    private final RoyaltyConfiguration configuration;

    public AdminRoyaltyStatementsController(RoyaltyStatements statements, StatementStore store,
            StatementLineStore lines, DistributionPrompts prompts, RoyaltyConfiguration configuration) {
        this.statements = statements;
        this.store = store;
        this.lines = lines;
        this.prompts = prompts;
        this.configuration = configuration;
    }

    /** A statement in JSON: amounts as decimals in their currency's units, rates into the payout currency. */
    @Serdeable
    public record StatementForm(@NotBlank @Plain @Size(max = 200) String source, @NotBlank String periodStart,
            @Nullable String periodEnd, @Nullable Map<String, BigDecimal> rates,
            @NotNull @Size(min = 1, max = StatementCsv.LINES_MAX) List<@Valid @NotNull LineForm> lines) {}

    /** A line: an ISRC or a master id (one of them), the month it reports (the statement's first by default). */
    @Serdeable
    public record LineForm(@Nullable @Plain @Size(max = 20) String isrc, @Nullable UUID masterId,
            @Nullable String period, @NotNull BigDecimal amount, @NotBlank @Size(max = 3) String currency) {}

    @Serdeable
    public record Resolution(@NotNull UUID masterId) {}

    @Serdeable
    public record Drop(@NotBlank @Plain @Size(max = 200) String reason) {}

    /** Where an approval left the statement, and the distributions it planned when it completed the count. */
    @Serdeable
    public record ApprovalView(StatementView statement, int approvals, int approvalsRequired,
            List<DistributionView> distributions) {}

    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<StatementView> record(@Body @Valid StatementForm form, Authentication authentication) {
        YearMonth start = month("periodStart", form.periodStart());
        YearMonth end = form.periodEnd() == null ? start : month("periodEnd", form.periodEnd());
        List<NewStatement.Line> parsed = new java.util.ArrayList<>(form.lines().size());
        for (int i = 0; i < form.lines().size(); i++) {
            LineForm line = form.lines().get(i);
            parsed.add(new NewStatement.Line(i + 1, line.isrc(), line.masterId(),
                    line.period() == null ? start : month("lines[" + i + "].period", line.period()), line.amount(),
                    line.currency()));
        }
        return created(statements.record(new NewStatement(form.source(), start, end, form.rates(), parsed, null),
                Caller.of(authentication).accountId()));
    }

    /**
     * A distributor's CSV as the body ({@code text/csv}): columns ISRC, Period, Amount and Currency, others ignored.
     * The statement covers the months its lines report. {@code rates}: {@code EUR:1.0825,GBP:1.27}.
     */
    @Post(consumes = "text/csv")
    public HttpResponse<StatementView> upload(HttpRequest<?> request, @Body InputStream body,
            @QueryValue String source, @Nullable @QueryValue String rates, Authentication authentication)
            throws IOException {
        // Refused before the body is read when it says it is too large, and read no further than the bound when it
        // does not say: a CSV is never held in memory whole beyond CSV_BYTES_MAX.
        if (request.getContentLength() > CSV_BYTES_MAX) {
            throw tooLarge();
        }
        byte[] csv = body.readNBytes(CSV_BYTES_MAX + 1);
        if (csv.length > CSV_BYTES_MAX) {
            throw tooLarge();
        }
        String text = new String(csv, StandardCharsets.UTF_8);
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(text) || text.contains("\uFFFD")) {
            throw ProblemException.invalidField("csv", "is not UTF-8 text");
        }
        List<NewStatement.Line> parsed = StatementCsv.parse(text);
        YearMonth start = parsed.stream().map(NewStatement.Line::period).min(YearMonth::compareTo).orElseThrow();
        YearMonth end = parsed.stream().map(NewStatement.Line::period).max(YearMonth::compareTo).orElseThrow();
        return created(statements.record(new NewStatement(source, start, end, rates(rates), parsed, sha256(csv)),
                Caller.of(authentication).accountId()));
    }

    /** Statements, newest first. */
    @Get(produces = MediaType.APPLICATION_JSON)
    public Page<StatementView> list(@Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        int pageSize = Cursor.limit(limit);
        NewestFirst position = NewestFirst.decode(cursor);
        List<RoyaltyStatement> page = store.page(position.before(), position.beforeId(), pageSize + 1);
        RoyaltyStatement last = page.size() > pageSize ? page.get(pageSize - 1) : null;
        return new Page<>(page.stream().limit(pageSize).map(this::view).toList(),
                last == null ? null : NewestFirst.encode(last.recordedAt(), last.id()));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    public StatementView show(@PathVariable UUID id) {
        return view(find(id));
    }

    /** The statement's lines in order, or only those in {@code match} (e.g. UNMATCHED). */
    @Get(uri = "/{id}/lines", produces = MediaType.APPLICATION_JSON)
    public Page<LineView> lines(@PathVariable UUID id, @Nullable @QueryValue String match,
            @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        find(id);
        int pageSize = Cursor.limit(limit);
        List<String> parts = Cursor.decode(cursor, 1);
        int after;
        try {
            after = parts == null ? 0 : Integer.parseInt(parts.getFirst());
        } catch (NumberFormatException notOurs) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave");
        }
        List<StatementLine> page;
        if (match == null) {
            page = lines.page(id, after, pageSize + 1);
        } else {
            LineMatch wanted;
            try {
                wanted = LineMatch.valueOf(match.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw ProblemException.invalidField("match", "must be one of " + List.of(LineMatch.values()));
            }
            page = lines.pageIn(id, wanted, after, pageSize + 1);
        }
        StatementLine last = page.size() > pageSize ? page.get(pageSize - 1) : null;
        return new Page<>(page.stream().limit(pageSize).map(LineView::of).toList(),
                last == null ? null : Cursor.encode(Integer.toString(last.lineNo())));
    }

    @Post(uri = "/{id}/lines/{lineNo}/resolve", produces = MediaType.APPLICATION_JSON)
    public LineView resolve(@PathVariable UUID id, @PathVariable int lineNo, @Body @Valid Resolution resolution,
            Authentication authentication) {
        return LineView.of(statements.resolve(id, lineNo, resolution.masterId(),
                Caller.of(authentication).accountId()));
    }

    @Post(uri = "/{id}/lines/{lineNo}/drop", produces = MediaType.APPLICATION_JSON)
    public LineView drop(@PathVariable UUID id, @PathVariable int lineNo, @Body @Valid Drop drop,
            Authentication authentication) {
        return LineView.of(statements.drop(id, lineNo, drop.reason(), Caller.of(authentication).accountId()));
    }

    @Post(uri = "/{id}/approve", produces = MediaType.APPLICATION_JSON)
    @StepUp
    public ApprovalView approve(@PathVariable UUID id, Authentication authentication) {
        RoyaltyStatements.Approval approval = statements.approve(id, Caller.of(authentication).accountId());
        if (!approval.distributions().isEmpty()) {
            prompts.statementApproved(id);
        }
        return new ApprovalView(view(approval.statement()), approval.approvals(), approval.approvalsRequired(),
                approval.distributions().stream().map(DistributionView::of).toList());
    }

    @Post(uri = "/{id}/reject", produces = MediaType.APPLICATION_JSON)
    public StatementView reject(@PathVariable UUID id, Authentication authentication) {
        return view(statements.reject(id, Caller.of(authentication).accountId()));
    }

    private static ProblemException tooLarge() {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "A statement CSV is at most " + CSV_BYTES_MAX
                + " bytes; split larger ones by period.").closingConnection();
    }

    private RoyaltyStatement find(UUID id) {
        return store.findById(id).orElseThrow(() -> MoneyProblems.of(new StatementException(
                StatementException.Kind.NOT_FOUND, "No statement " + id + ".")));
    }

    private StatementView view(RoyaltyStatement statement) {
        return StatementView.of(statement, lines.countsByMatch(statement.id()), store.approvers(statement.id()),
                configuration.approvalsRequired());
    }

    private HttpResponse<StatementView> created(RoyaltyStatement statement) {
        return HttpResponse.<StatementView>status(HttpStatus.CREATED).body(view(statement))
                .headers(headers -> headers.location(URI.create("/v1/admin/royalty-statements/" + statement.id())));
    }

    private static YearMonth month(String field, String text) {
        try {
            if (text.length() == 7) {
                return YearMonth.parse(text);
            }
        } catch (DateTimeException malformed) {
            // answered below
        }
        throw ProblemException.invalidField(field, "must be a month, YYYY-MM");
    }

    /** {@code EUR:1.0825,GBP:1.27} as a map; a malformed one is a field error. */
    private static Map<String, BigDecimal> rates(@Nullable String text) {
        Map<String, BigDecimal> rates = new HashMap<>();
        if (text == null || text.isBlank()) {
            return rates;
        }
        if (text.length() > 1_000) {
            throw ProblemException.invalidField("rates", "is too long");
        }
        for (String pair : text.split(",")) {
            String[] parts = pair.strip().split(":");
            if (parts.length != 2 || !parts[1].strip().matches("[0-9]{1,13}(\\.[0-9]{1,18})?")) {
                throw ProblemException.invalidField("rates", "must be CUR:rate pairs, comma-separated (EUR:1.0825)");
            }
            if (rates.put(parts[0].strip().toUpperCase(Locale.ROOT), new BigDecimal(parts[1].strip())) != null) {
                throw ProblemException.invalidField("rates", "names " + parts[0].strip() + " twice");
            }
        }
        return rates;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
