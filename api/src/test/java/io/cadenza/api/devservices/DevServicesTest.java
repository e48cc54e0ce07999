package io.cadenza.api.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.database.DatabaseEndpoint;
import io.cadenza.api.redis.RedisEndpoint;
import io.cadenza.api.testing.HealthProbe;
import io.cadenza.chain.connection.ChainEndpoint;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no URL configured, the application starts PostgreSQL, Redis and a Hardhat node itself, and stops them all. */
class DevServicesTest {
    @Test
    void startsEveryDependencyItselfReportsThemHealthyAndLeavesNothingBehind() throws Exception {
        URI database;
        URI redis;
        URI chain;
        // Other test classes' shared services run in this JVM too: only what this application started must be gone.
        java.util.Set<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid)
                .collect(java.util.stream.Collectors.toSet());
        URI mail;
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "cadenza.auth.admin-email", io.cadenza.api.testing.TestApplication.ADMIN_EMAIL,
                "cadenza.auth.admin-password", io.cadenza.api.testing.TestApplication.ADMIN_PASSWORD,
                "cadenza.auth.admin-totp-secret", io.cadenza.api.testing.TestApplication.ADMIN_TOTP_SECRET))) {
            ApplicationContext context = server.getApplicationContext();
            assertThat(context.containsBean(EmbeddedPostgresService.class)).isTrue();
            assertThat(context.containsBean(EmbeddedRedisService.class)).isTrue();
            assertThat(context.containsBean(DevChainNode.class)).isTrue();
            assertThat(context.containsBean(DevMailService.class)).isTrue();
            io.cadenza.api.mail.SmtpServer smtp = context.getBean(io.cadenza.api.mail.SmtpServer.class);
            mail = URI.create("smtp://" + smtp.host() + ":" + smtp.port());
            assertThat(isListening(mail)).isTrue();

            HttpResponse<String> health = HealthProbe.get(server.getURI(), HealthProbe.adminToken(server.getURI()));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body())
                    .contains("\"status\":\"UP\"")
                    .contains("\"database\"").contains("\"redis\"").contains("\"chain\"")
                    .contains("\"suiteDeployed\":true");

            database = URI.create(context.getBean(DatabaseEndpoint.class).jdbcUrl().substring("jdbc:".length()));
            redis = context.getBean(RedisEndpoint.class).uri();
            chain = context.getBean(ChainEndpoint.class).rpcUrl();
            assertThat(isListening(database)).isTrue();
            assertThat(isListening(redis)).isTrue();
            assertThat(isListening(chain)).isTrue();
        }
        assertThat(isListening(database)).as("PostgreSQL stopped").isFalse();
        assertThat(isListening(redis)).as("Redis stopped").isFalse();
        assertThat(isListening(chain)).as("Hardhat node stopped").isFalse();
        assertThat(isListening(mail)).as("GreenMail stopped").isFalse();
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(process -> !before.contains(process.pid())).map(p -> p.info().command().orElse("?")))
                .as("child processes left behind")
                .isEmpty();
    }

    private static boolean isListening(URI uri) throws Exception {
        try (Socket ignored = new Socket(uri.getHost(), uri.getPort())) {
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }
}
