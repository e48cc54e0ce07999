package io.cadenza.api.audit;

import io.cadenza.api.pagination.Cursor;
import io.cadenza.api.pagination.Page;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.chain.audit.AuditEntries;
import io.cadenza.chain.audit.AuditEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.io.IOException;
import java.io.Writer;
import java.util.HexFormat;
import java.util.List;

/** The audit log for admins: filtered pages, newest first, and the same filters exported as CSV. */
@Controller("/v1/admin/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
public class AdminAuditController {
    static final String CSV = "text/csv";
    private static final int EXPORT_PAGE = 1_000;

    private final AuditEntries entries;
    private final JsonMapper json;

    public AdminAuditController(AuditEntries entries, JsonMapper json) {
        this.entries = entries;
        this.json = json;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public Page<AuditEntryView> list(@Nullable @QueryValue String actor, @Nullable @QueryValue String action,
            @Nullable @QueryValue String target, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
            @Nullable @QueryValue String cursor, @Nullable @QueryValue Integer limit) {
        AuditQuery query = AuditQuery.of(actor, action, target, from, to);
        int pageSize = Cursor.limit(limit);
        List<AuditEntry> page = page(query, before(cursor), pageSize + 1);
        String next = page.size() > pageSize ? Cursor.encode(Long.toString(page.get(pageSize - 1).seq())) : null;
        return new Page<>(page.stream().limit(pageSize).map(entry -> AuditEntryView.of(entry, json)).toList(), next);
    }

    /**
     * Every entry the filters select, newest first, as CSV (RFC 4180), streamed page by page: an export of the whole
     * log never sits in memory.
     */
    @Get(uri = "/export", produces = CSV)
    public HttpResponse<Writable> export(@Nullable @QueryValue String actor, @Nullable @QueryValue String action,
            @Nullable @QueryValue String target, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        AuditQuery query = AuditQuery.of(actor, action, target, from, to);
        Writable csv = out -> write(query, out);
        return HttpResponse.ok(csv).contentType(CSV + "; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"");
    }

    private void write(AuditQuery query, Writer out) throws IOException {
        out.write("seq,recorded_at,actor,action,target,request_id,client_address,before,after,previous_hash,hash\r\n");
        long before = Long.MAX_VALUE;
        while (true) {
            List<AuditEntry> page = page(query, before, EXPORT_PAGE);
            for (AuditEntry entry : page) {
                out.write(String.join(",", Long.toString(entry.seq()), entry.recordedAt().toString(),
                        field(entry.actor()), field(entry.action()), field(entry.target()), field(entry.requestId()),
                        field(entry.clientAddress()), field(entry.beforeState()), field(entry.afterState()),
                        HexFormat.of().formatHex(entry.previousHash()), HexFormat.of().formatHex(entry.entryHash())));
                out.write("\r\n");
            }
            if (page.size() < EXPORT_PAGE) {
                out.flush();
                return;
            }
            before = page.getLast().seq();
        }
    }

    /**
     * A CSV field, quoted when it must be; a leading {@code = + - @} is prefixed with {@code '} so that a spreadsheet
     * opening the export runs no formula a user put in a note.
     */
    static String field(@Nullable String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private List<AuditEntry> page(AuditQuery query, long beforeSeq, int limit) {
        return entries.page(beforeSeq, query.actor(), query.action(), query.target(), query.from(), query.until(),
                limit);
    }

    private static long before(@Nullable String cursor) {
        List<String> position = Cursor.decode(cursor, 1);
        if (position == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(position.getFirst());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave");
        }
    }
}
