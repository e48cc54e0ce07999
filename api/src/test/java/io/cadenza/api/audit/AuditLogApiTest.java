package io.cadenza.api.audit;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.ApplicationCommand;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.chain.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit log as admins and operators meet it: entries with their request's id and client, filters and pages, the
 * CSV export, the database refusing changes from the application's role, and the verify command (a process, as an
 * operator runs it) finding a row changed by hand.
 */
@ExtendWith(TestApplication.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogApiTest {
    private ApiClient api;
    private TestServices services;
    private TestApplication application;

    @BeforeAll
    void setUp(TestApplication application, TestServices services) {
        this.api = application.client();
        this.services = services;
        this.application = application;
    }

    @Test
    void anEntryCarriesItsActorRequestAndClientAndIsFoundByFiltersAndExported() {
        Session admin = api.admin();
        Session artist = api.signUpUnreviewed("ARTIST");
        Answer reviewed = api.post("/v1/admin/artists/" + artist.id() + "/review", object("approved", false, "note",
                "=HYPERLINK(\"x\"), with a comma"), admin.accessToken(), Map.of("X-Request-Id", "audit-test-1"));
        assertThat(reviewed.status()).isEqualTo(200);
        assertThat(reviewed.header("X-Request-Id")).isEqualTo("audit-test-1");

        Answer page = api.get("/v1/admin/audit?action=artist.review&target=account:" + artist.id(),
                admin.accessToken());
        assertThat(page.status()).isEqualTo(200);
        JsonNode entry = page.json().get("data").get(0);
        assertThat(entry.get("actor").asText()).isEqualTo("account:" + admin.id());
        assertThat(entry.get("requestId").asText()).isEqualTo("audit-test-1");
        assertThat(entry.get("clientAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(entry.get("before").get("status").asText()).isEqualTo("PENDING");
        assertThat(entry.get("after").get("status").asText()).isEqualTo("REJECTED");
        assertThat(entry.get("hash").asText()).hasSize(64);

        // A request id that is not sane is replaced, not stored.
        Answer odd = api.post("/v1/admin/artists/" + artist.id() + "/review", object("approved", true),
                admin.accessToken(), Map.of("X-Request-Id", "x".repeat(65)));
        assertThat(odd.header("X-Request-Id")).matches("[0-9a-f-]{36}");

        // Cursor pages, newest first, without overlap.
        Answer first = api.get("/v1/admin/audit?limit=2", admin.accessToken());
        Answer second = api.get("/v1/admin/audit?limit=2&cursor=" + first.json().get("nextCursor").asText(),
                admin.accessToken());
        long lastOfFirst = first.json().get("data").get(1).get("seq").asLong();
        assertThat(second.json().get("data").get(0).get("seq").asLong()).isLessThan(lastOfFirst);
        assertThat(api.get("/v1/admin/audit?actor=nobody", admin.accessToken()).problemType()).isEqualTo("validation");
        assertThat(api.get("/v1/admin/audit?from=yesterday", admin.accessToken()).problemType())
                .isEqualTo("validation");

        Answer csv = api.get("/v1/admin/audit/export?target=account:" + artist.id(), admin.accessToken());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.raw().body().split("\r\n");
        assertThat(lines[0]).startsWith("seq,recorded_at,actor,action,target,request_id,client_address,before,after");
        assertThat(csv.raw().body()).contains(",artist.review,account:" + artist.id() + ",audit-test-1,127.0.0.1,")
                // The JSON, its quotes and its comma kept inside one quoted field.
                .contains("\"{\"\"note\"\":\"\"=HYPERLINK(\\\"\"x\\\"\"), with a comma\"\",\"\"status\"\":\"\"REJECTED\"\"}\"");
    }

    @Test
    void theApplicationsRoleCannotUpdateOrDeleteEntries() throws Exception {
        api.post("/v1/admin/artists/" + api.signUpUnreviewed("ARTIST").id() + "/review", object("approved", true),
                api.admin().accessToken());
        // The role the application itself connects as, with its own pool.
        DataSource applicationPool = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
                application.context().getBean(DataSource.class));
        for (String change : List.of("update audit_entry set actor = 'platform'", "delete from audit_entry",
                "truncate audit_entry")) {
            try (Connection connection = applicationPool.getConnection();
                    Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                assertThatThrownBy(() -> statement.execute(change)).as(change).isInstanceOf(SQLException.class)
                        .hasMessageContaining("append-only");
            }
        }
    }

    @Test
    void theVerifyCommandFindsARowChangedByHand() throws Exception {
        api.post("/v1/admin/artists/" + api.signUpUnreviewed("ARTIST").id() + "/review", object("approved", true),
                api.admin().accessToken());
        ApplicationCommand intact = verify();
        assertThat(intact.exitCode()).as(intact.output().toString()).isZero();
        assertThat(intact.lastLine()).contains("\"intact\":true");

        long seq;
        String original;
        try (Connection connection = services.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select seq, after_state from audit_entry"
                        + " where action = 'artist.review' order by seq desc limit 1")) {
            row.next();
            seq = row.getLong(1);
            original = row.getString(2);
        }
        byHand(seq, original.replace("APPROVED", "REJECTED"));
        try {
            ApplicationCommand broken = verify();
            assertThat(broken.exitCode()).as(broken.output().toString()).isEqualTo(1);
            assertThat(broken.lastLine()).contains("\"intact\":false").contains("\"brokenAt\":" + seq);
        } finally {
            // Put back exactly: the chain is whole again (and stays so for the JVM's other tests).
            byHand(seq, original);
        }
        assertThat(verify().exitCode()).isZero();
    }

    /** A superuser turning triggers off: the one way left to change a row, and the one the chain must reveal. */
    private void byHand(long seq, String afterState) throws SQLException {
        try (Connection connection = services.dataSource().getConnection();
                Statement replica = connection.createStatement();
                PreparedStatement update = connection.prepareStatement(
                        "update audit_entry set after_state = ? where seq = ?")) {
            replica.execute("set session_replication_role = replica");
            update.setString(1, afterState);
            update.setLong(2, seq);
            update.executeUpdate();
            replica.execute("set session_replication_role = origin");
        }
    }

    /** {@code audit-verify} as an operator runs it, on the JVM's shared database. */
    private ApplicationCommand verify() throws Exception {
        return ApplicationCommand.run(Map.of("CADENZA_DATABASE_URL", services.jdbcUrl()), "audit-verify");
    }
}
