package io.cadenza.jobs.statements;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a statement in the shape distributors export: a header row naming at least {@code ISRC}, {@code Period},
 * {@code Amount} and {@code Currency} (any order, any case; other columns, such as title, store or streams, are
 * ignored), then one row per line. Fields follow RFC 4180 (double quotes, doubled inside). Periods are
 * {@code YYYY-MM} (or a date in the month, {@code YYYY-MM-DD}); amounts are decimal, with a point and at most the
 * currency's minor digits. Every fault is reported with its row, up to {@value #FAULTS_MAX} of them.
 */
public final class StatementCsv {
    public static final int LINES_MAX = 100_000;
    static final int FAULTS_MAX = 50;
    private static final List<String> REQUIRED = List.of("isrc", "period", "amount", "currency");

    private StatementCsv() {}

    /** The lines of {@code text}, numbered from 1 after the header; the statement's period spans theirs. */
    public static List<NewStatement.Line> parse(String text) {
        List<List<String>> rows = rows(text);
        if (rows.isEmpty()) {
            throw StatementException.invalid("csv", "is empty: a header row and at least one line are needed");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = rows.getFirst();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (REQUIRED.contains(name) && columns.putIfAbsent(name, i) != null) {
                throw StatementException.invalid("csv header", "names the column " + name + " twice");
            }
        }
        List<String> missing = REQUIRED.stream().filter(name -> !columns.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw StatementException.invalid("csv header", "lacks the column(s) " + String.join(", ", missing)
                    + " (it needs ISRC, Period, Amount and Currency)");
        }
        if (rows.size() - 1 > LINES_MAX) {
            throw StatementException.invalid("csv", "has " + (rows.size() - 1) + " lines; at most " + LINES_MAX);
        }
        List<NewStatement.Line> lines = new ArrayList<>();
        List<StatementException.Fault> faults = new ArrayList<>();
        for (int r = 1; r < rows.size() && faults.size() < FAULTS_MAX; r++) {
            List<String> row = rows.get(r);
            String where = "line " + r;
            if (row.size() < header.size()) {
                faults.add(new StatementException.Fault(where, "has " + row.size() + " fields; the header has "
                        + header.size()));
                continue;
            }
            YearMonth period = period(row.get(columns.get("period")).strip());
            BigDecimal amount = amount(row.get(columns.get("amount")).strip());
            String isrc = row.get(columns.get("isrc")).strip();
            String currency = row.get(columns.get("currency")).strip().toUpperCase(Locale.ROOT);
            if (period == null) {
                faults.add(new StatementException.Fault(where + " period", "is not YYYY-MM"));
            } else if (amount == null) {
                faults.add(new StatementException.Fault(where + " amount", "is not a decimal amount"));
            } else {
                lines.add(new NewStatement.Line(r, isrc, null, period, amount, currency));
            }
        }
        if (!faults.isEmpty()) {
            throw new StatementException(StatementException.Kind.INVALID,
                    "The CSV has faults; see each line's.", faults);
        }
        if (lines.isEmpty()) {
            throw StatementException.invalid("csv", "has a header but no lines");
        }
        return lines;
    }

    static YearMonth period(String text) {
        try {
            if (text.length() == 7) {
                return YearMonth.parse(text);
            }
            if (text.length() == 10) {
                return YearMonth.from(LocalDate.parse(text));
            }
        } catch (DateTimeException malformed) {
            return null;
        }
        return null;
    }

    static BigDecimal amount(String text) {
        if (text.isEmpty() || text.length() > 40 || !text.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return null;
        }
        return new BigDecimal(text);
    }

    /** The rows of an RFC 4180 text; a blank last row (the file's final newline) is not a row. */
    static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    } else if (c != '\r') {
                        refuseControl(c, line);
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (!(row.size() == 1 && row.getFirst().isEmpty())) {
                    rows.add(row);
                }
                row = new ArrayList<>();
                line++;
            } else {
                refuseControl(c, line);
                if (wasQuoted) {
                    throw StatementException.invalid("csv row " + line, "has text after a closing quote");
                }
                field.append(c);
            }
        }
        if (quoted) {
            throw StatementException.invalid("csv row " + line, "opens a quote it never closes");
        }
        row.add(field.toString());
        if (!(row.size() == 1 && row.getFirst().isEmpty())) {
            rows.add(row);
        }
        return rows;
    }

    private static void refuseControl(char c, int line) {
        if (c != '\t' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            throw StatementException.invalid("csv row " + line, "holds a control character (U+"
                    + String.format("%04X", (int) c) + ")");
        }
    }
}
