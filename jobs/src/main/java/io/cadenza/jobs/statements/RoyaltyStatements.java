package io.cadenza.jobs.statements;

import io.cadenza.chain.audit.AuditLog;
import io.cadenza.chain.audit.AuditRecord;
import io.cadenza.chain.database.UniqueViolation;
import io.cadenza.jobs.distributions.Distribution;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Royalty statements: recorded by an admin with their lines matched to masters, lines left unmatched resolved or
 * dropped by admins, and approved by as many distinct admins as {@code cadenza.money.approvals-required} (the
 * recorder counting as the first) — the last approval moves the money ({@link IncomeAllocation}) in its transaction.
 */
@Singleton
public class RoyaltyStatements {
    /** Amounts above this (in minor units) are not royalties but mistakes: 10^24 cents is beyond all money. */
    static final BigInteger GROSS_MINOR_MAX = BigInteger.TEN.pow(24);
    private static final BigDecimal RATE_MAX = new BigDecimal("1000000000000");
    private static final int TEXT_MAX = 200;

    private final StatementStore statements;
    private final StatementLineStore lines;
    private final RoyaltyCatalog catalog;
    private final IncomeAllocation allocation;
    private final RoyaltyConfiguration configuration;
    private final Clock clock;
    private final AuditLog audit;

    public RoyaltyStatements(StatementStore statements, StatementLineStore lines, RoyaltyCatalog catalog,
            IncomeAllocation allocation, RoyaltyConfiguration configuration, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.statements = statements;
        this.lines = lines;
        this.catalog = catalog;
        this.allocation = allocation;
        this.configuration = configuration;
        this.clock = clock;
    }

    /** Where an approval leaves the statement: approved now (with its distributions), or waiting for more admins. */
    public record Approval(RoyaltyStatement statement, int approvals, int approvalsRequired,
            List<Distribution> distributions) {}

    /** Checks and records the statement with its lines matched; nothing is recorded when anything is refused. */
    @Transactional
    public RoyaltyStatement record(NewStatement submitted, UUID admin) {
        String source = text("source", submitted.source());
        if (submitted.periodStart() == null || submitted.periodEnd() == null) {
            throw StatementException.invalid("period", "is required (YYYY-MM)");
        }
        if (submitted.periodEnd().isBefore(submitted.periodStart())) {
            throw StatementException.invalid("period", "ends before it starts");
        }
        if (submitted.lines() == null || submitted.lines().isEmpty()
                || submitted.lines().size() > StatementCsv.LINES_MAX) {
            throw StatementException.invalid("lines", "must hold 1 to " + StatementCsv.LINES_MAX + " lines");
        }
        Map<String, BigDecimal> rates = rates(submitted.rates());
        if (submitted.fileSha256() != null) {
            statements.findByFileSha256(submitted.fileSha256()).ifPresent(earlier -> {
                throw new StatementException(StatementException.Kind.CONFLICT, "This file was recorded already, as"
                        + " statement " + earlier.id() + ".");
            });
        }
        List<StatementException.Fault> faults = new ArrayList<>();
        Set<String> isrcs = new LinkedHashSet<>();
        List<Checked> checked = new ArrayList<>();
        for (NewStatement.Line line : submitted.lines()) {
            if (faults.size() >= StatementCsv.FAULTS_MAX) {
                break;
            }
            String where = "line " + line.lineNo();
            String isrc = null;
            if ((line.isrc() == null || line.isrc().isBlank()) == (line.masterId() == null)) {
                faults.add(new StatementException.Fault(where, "names an ISRC or a master id, and only one"));
                continue;
            }
            if (line.masterId() == null) {
                isrc = IsrcCode.canonical(line.isrc()).orElse(null);
                if (isrc == null) {
                    faults.add(new StatementException.Fault(where + " isrc", "is not an ISRC (CC-XXX-YY-NNNNN)"));
                    continue;
                }
                isrcs.add(isrc);
            }
            if (line.period() == null || line.period().isBefore(submitted.periodStart())
                    || line.period().isAfter(submitted.periodEnd())) {
                faults.add(new StatementException.Fault(where + " period", "is outside the statement's period"));
                continue;
            }
            Currency currency = currency(line.currency());
            if (currency == null) {
                faults.add(new StatementException.Fault(where + " currency", "is not an ISO 4217 currency code"));
                continue;
            }
            BigInteger gross = minorUnits(line.amount(), currency);
            if (gross == null) {
                faults.add(new StatementException.Fault(where + " amount", "must be positive, below 10^24 minor units,"
                        + " with at most " + currency.getDefaultFractionDigits() + " decimals for "
                        + currency.getCurrencyCode()));
                continue;
            }
            BigDecimal rate = null;
            if (!currency.getCurrencyCode().equals(configuration.payoutCurrency())) {
                rate = rates.get(currency.getCurrencyCode());
                if (rate == null) {
                    faults.add(new StatementException.Fault(where + " currency", "needs a rate into "
                            + configuration.payoutCurrency() + " (rates." + currency.getCurrencyCode() + ")"));
                    continue;
                }
            }
            checked.add(new Checked(line, isrc, gross, currency.getCurrencyCode(), rate));
        }
        if (!faults.isEmpty()) {
            throw new StatementException(StatementException.Kind.INVALID, "The statement has faults; see each line's.",
                    faults);
        }
        Map<String, List<RoyaltyCatalog.CatalogMaster>> holders = new HashMap<>();
        catalog.mastersWithIsrc(isrcs).forEach(master ->
                holders.computeIfAbsent(master.isrc(), isrc -> new ArrayList<>()).add(master));

        Instant now = now();
        RoyaltyStatement statement = new RoyaltyStatement(UUID.randomUUID(), source,
                submitted.periodStart().atDay(1), submitted.periodEnd().atEndOfMonth(), StatementStatus.RECORDED,
                admin, now, null, submitted.fileSha256(), checked.size());
        try {
            statements.save(statement);
        } catch (RuntimeException duplicate) {
            if (UniqueViolation.causes(duplicate)) {
                throw new StatementException(StatementException.Kind.CONFLICT, "This file was recorded already.");
            }
            throw duplicate;
        }
        List<StatementLine> rows = new ArrayList<>(checked.size());
        for (Checked line : checked) {
            LineMatcher.Outcome outcome = line.isrc() != null
                    ? LineMatcher.byIsrc(line.isrc(), holders.getOrDefault(line.isrc(), List.of()))
                    : LineMatcher.byId(line.line().masterId(), catalog.master(line.line().masterId()));
            rows.add(new StatementLine(null, statement.id(), line.line().lineNo(), line.isrc(),
                    line.line().period().atDay(1), line.gross(), line.currency(), line.rate(), outcome.match(),
                    outcome.masterId(), outcome.reason(), null));
        }
        lines.saveAll(rows);
        Map<String, BigInteger> gross = new java.util.TreeMap<>();
        checked.forEach(line -> gross.merge(line.currency(), line.gross(), BigInteger::add));
        Map<String, String> grossMinor = new java.util.TreeMap<>();
        gross.forEach((currency, amount) -> grossMinor.put(currency, amount.toString()));
        audit.append(new AuditRecord(AuditRecord.account(admin), "royalty-statement.record",
                target(statement.id()), null, AuditRecord.state("source", source, "periodStart",
                        statement.periodStart().toString(), "periodEnd", statement.periodEnd().toString(), "lines",
                        checked.size(), "grossMinor", grossMinor, "fileSha256", submitted.fileSha256())));
        return statement;
    }

    private static String target(UUID statementId) {
        return "royalty-statement:" + statementId;
    }

    private record Checked(NewStatement.Line line, @Nullable String isrc, BigInteger gross, String currency,
            @Nullable BigDecimal rate) {}

    /** An admin assigns an unmatched or ambiguous line to a registered master. */
    @Transactional
    public StatementLine resolve(UUID statementId, int lineNo, UUID masterId, UUID admin) {
        StatementLine line = openLine(statementId, lineNo);
        RoyaltyCatalog.CatalogMaster master = catalog.master(masterId).orElseThrow(() ->
                StatementException.invalid("masterId", "names no master"));
        if (master.standing() != RoyaltyCatalog.Standing.REGISTERED) {
            throw StatementException.invalid("masterId", "names a master that is " + master.standing()
                    + ", not registered and undisputed");
        }
        statements.withdrawApprovals(statementId);
        audit.append(new AuditRecord(AuditRecord.account(admin), "royalty-statement.line.resolve",
                target(statementId), AuditRecord.state("line", lineNo, "match", line.match(), "masterId",
                        line.masterId()), AuditRecord.state("line", lineNo, "match", LineMatch.RESOLVED, "masterId",
                        masterId)));
        return lines.update(new StatementLine(line.id(), statementId, lineNo, line.isrc(), line.periodStart(),
                line.grossMinor(), line.currency(), line.exchangeRate(), LineMatch.RESOLVED, masterId,
                "resolved by an admin (was: " + line.reason() + ")", admin));
    }

    /** An admin drops an unmatched or ambiguous line: it moves no money, and the reason stays with it. */
    @Transactional
    public StatementLine drop(UUID statementId, int lineNo, String reason, UUID admin) {
        String why = text("reason", reason);
        StatementLine line = openLine(statementId, lineNo);
        statements.withdrawApprovals(statementId);
        audit.append(new AuditRecord(AuditRecord.account(admin), "royalty-statement.line.drop", target(statementId),
                AuditRecord.state("line", lineNo, "match", line.match()), AuditRecord.state("line", lineNo, "match",
                        LineMatch.DROPPED, "reason", why)));
        return lines.update(new StatementLine(line.id(), statementId, lineNo, line.isrc(), line.periodStart(),
                line.grossMinor(), line.currency(), line.exchangeRate(), LineMatch.DROPPED, null,
                "dropped: " + why, admin));
    }

    /**
     * {@code admin} approves. Refused to the recorder while more than one approval is required, and while lines are
     * unmatched or ambiguous; the approval that completes the count moves the money, once: the statement is locked
     * for the transaction, and its allocation is refused by the database if it ever happened before.
     */
    @Transactional
    public Approval approve(UUID statementId, UUID admin) {
        RoyaltyStatement statement = statements.lock(statementId).orElseThrow(() -> notFound(statementId));
        if (statement.status() != StatementStatus.RECORDED) {
            throw new StatementException(StatementException.Kind.CONFLICT, "The statement is "
                    + statement.status() + " already.");
        }
        int required = configuration.approvalsRequired();
        if (required > 1 && statement.recordedBy().equals(admin)) {
            throw new StatementException(StatementException.Kind.SAME_ADMIN, "You recorded this statement: another"
                    + " admin must approve it.");
        }
        long open = lines.openCount(statementId);
        if (open > 0) {
            throw new StatementException(StatementException.Kind.CONFLICT, open + " line(s) are unmatched or"
                    + " ambiguous: resolve or drop them first.");
        }
        Instant now = now();
        statements.approve(statementId, admin, now);
        int approvals = 1 + statements.approvers(statementId).size();
        if (approvals < required) {
            audit.append(new AuditRecord(AuditRecord.account(admin), "royalty-statement.approve", target(statementId),
                    AuditRecord.state("status", statement.status(), "approvals", approvals - 1),
                    AuditRecord.state("status", statement.status(), "approvals", approvals, "required", required)));
            return new Approval(statement, approvals, required, List.of());
        }
        if (statements.decide(statementId, StatementStatus.APPROVED, now) != 1) {
            throw new StatementException(StatementException.Kind.CONFLICT, "The statement was decided meanwhile.");
        }
        List<Distribution> planned;
        try {
            planned = allocation.allocate(statement, lines.paid(statementId), now);
        } catch (RuntimeException twice) {
            // The last line of defence: the distributions' uniqueness per statement and offering (and the entries'
            // business keys) refuse a second allocation that got past the status guard.
            if (UniqueViolation.causes(twice)) {
                throw new StatementException(StatementException.Kind.CONFLICT, "The statement was allocated already.");
            }
            throw twice;
        }
        audit.append(new AuditRecord(AuditRecord.account(admin), "royalty-statement.approve", target(statementId),
                AuditRecord.state("status", statement.status(), "approvals", approvals - 1),
                AuditRecord.state("status", StatementStatus.APPROVED, "approvals", approvals, "required", required,
                        "distributions", planned.stream().map(distribution -> distribution.id().toString()).toList())));
        return new Approval(statements.findById(statementId).orElseThrow(), approvals, required, planned);
    }

    /** An admin rejects a recorded statement: nothing moves, and it can no longer be approved. */
    @Transactional
    public RoyaltyStatement reject(UUID statementId, UUID admin) {
        RoyaltyStatement statement = statements.lock(statementId).orElseThrow(() -> notFound(statementId));
        if (statements.decide(statementId, StatementStatus.REJECTED, now()) != 1) {
            throw new StatementException(StatementException.Kind.CONFLICT, "The statement is "
                    + statement.status() + " already.");
        }
        audit.append(new AuditRecord(AuditRecord.account(admin), "royalty-statement.reject", target(statementId),
                AuditRecord.state("status", statement.status()), AuditRecord.state("status", StatementStatus.REJECTED)));
        return statements.findById(statementId).orElseThrow();
    }

    private StatementLine openLine(UUID statementId, int lineNo) {
        RoyaltyStatement statement = statements.lock(statementId).orElseThrow(() -> notFound(statementId));
        if (statement.status() != StatementStatus.RECORDED) {
            throw new StatementException(StatementException.Kind.CONFLICT, "The statement is "
                    + statement.status() + ": its lines no longer change.");
        }
        StatementLine line = lines.find(statementId, lineNo).orElseThrow(() ->
                new StatementException(StatementException.Kind.NOT_FOUND, "No line " + lineNo + "."));
        if (!line.match().open()) {
            throw new StatementException(StatementException.Kind.CONFLICT, "Line " + lineNo + " is "
                    + line.match() + ", not unmatched or ambiguous.");
        }
        return line;
    }

    static StatementException notFound(UUID statementId) {
        return new StatementException(StatementException.Kind.NOT_FOUND, "No statement " + statementId + ".");
    }

    private Map<String, BigDecimal> rates(@Nullable Map<String, BigDecimal> given) {
        Map<String, BigDecimal> rates = new HashMap<>();
        if (given == null) {
            return rates;
        }
        for (Map.Entry<String, BigDecimal> rate : given.entrySet()) {
            Currency currency = currency(rate.getKey());
            if (currency == null) {
                throw StatementException.invalid("rates", "names " + rate.getKey() + ", not a currency code");
            }
            BigDecimal value = rate.getValue();
            if (value == null || value.signum() <= 0 || value.scale() > 40 || value.precision() - value.scale() > 20 || value.compareTo(RATE_MAX) > 0
                    || value.stripTrailingZeros().scale() > 18) {
                throw StatementException.invalid("rates." + currency.getCurrencyCode(), "must be positive, at most "
                        + RATE_MAX.toPlainString() + ", with at most 18 decimals");
            }
            rates.put(currency.getCurrencyCode(), value);
        }
        return rates;
    }

    private static @Nullable Currency currency(@Nullable String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return null;
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The amount in minor units, or null unless positive, exact in them and bounded. */
    static @Nullable BigInteger minorUnits(@Nullable BigDecimal amount, Currency currency) {
        // Bounded before any arithmetic: 1e999999999 would otherwise be expanded digit by digit.
        if (amount == null || amount.signum() <= 0 || amount.precision() - amount.scale() > 30
                || amount.scale() > 30) {
            return null;
        }
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        BigDecimal minor = amount.movePointRight(digits).stripTrailingZeros();
        if (minor.scale() > 0 || minor.precision() - minor.scale() > 25) {
            return null;
        }
        BigInteger units = minor.toBigIntegerExact();
        return units.compareTo(GROSS_MINOR_MAX) < 0 ? units : null;
    }

    private static String text(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw StatementException.invalid(field, "is required");
        }
        String stripped = value.strip();
        if (stripped.length() > TEXT_MAX) {
            throw StatementException.invalid(field, "is longer than " + TEXT_MAX + " characters");
        }
        if (stripped.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            throw StatementException.invalid(field, "holds a control character");
        }
        return stripped;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
