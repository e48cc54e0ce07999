package io.cadenza.jobs.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * JobRunr as Cadenza wires it, on a real PostgreSQL: a job enqueued under a business key runs once however often it
 * is enqueued, a failing job is retried and counted per type, and the dashboard answers only with credentials, on the
 * loopback interface.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackgroundJobsTest {
    static final ConcurrentHashMap<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    /** Counts its runs per key, and fails the first {@code failures} of them. */
    public record CountedRun(String key, int failures) implements JobRequest {
        @Override
        public Class<CountedRunHandler> getJobRequestHandler() {
            return CountedRunHandler.class;
        }
    }

    public static final class CountedRunHandler implements JobRequestHandler<CountedRun> {
        @Override
        public void run(CountedRun request) {
            int run = RUNS.computeIfAbsent(request.key(), key -> new AtomicInteger()).incrementAndGet();
            if (run <= request.failures()) {
                throw new IllegalStateException("planned failure " + run);
            }
        }
    }

    private HikariDataSource database;
    private StorageProvider storage;
    private BackgroundJobServer server;
    private JobsDashboard dashboard;
    private BackgroundJobs jobs;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    void start(TestServices services) {
        database = TestDatabases.fresh(services, List.of());
        JobTables.migrate(database);
        JobTables.migrate(database); // a second instance's start: nothing to do, nothing refused
        JsonMapper mapper = new JacksonJsonMapper();
        storage = new PostgresStorageProvider(database, DatabaseOptions.SKIP_CREATE);
        storage.setJobMapper(new JobMapper(mapper));
        JobMeters meters = new JobMeters(registry);
        jobs = new BackgroundJobs(new JobRequestScheduler(storage, List.of(meters)), storage);
        server = new BackgroundJobServer(storage, mapper, new CountedRunActivator(),
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andWorkerCount(2).andPollInterval(Duration.ofSeconds(5)));
        server.setJobFilters(List.of(meters));
        server.start();
        dashboard = new JobsDashboard(storage, mapper,
                new JobsConfiguration.Dashboard(true, "127.0.0.1", 0, "ops", "correct horse battery"));
    }

    @AfterAll
    void stop() {
        dashboard.close();
        server.stop();
        storage.close();
        database.close();
    }

    private static final class CountedRunActivator implements org.jobrunr.server.JobActivator {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T activateJob(Class<T> type) {
            return (T) new CountedRunHandler();
        }
    }

    @Test
    void aJobEnqueuedUnderOneKeyRunsOnceHoweverOftenItIsEnqueued() {
        String key = "once-" + UUID.randomUUID();
        UUID first = jobs.enqueueOnce(key, "count " + key, new CountedRun(key, 0), List.of("test"));
        for (int i = 0; i < 5; i++) {
            assertThat(jobs.enqueueOnce(key, "count " + key, new CountedRun(key, 0), List.of("test"))).isEqualTo(first);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> storage.getJobById(first).getState() == StateName.SUCCEEDED);
        // Enqueued again after it succeeded: still the one job, not run again.
        jobs.enqueueOnce(key, "count " + key, new CountedRun(key, 0), List.of("test"));
        assertThat(RUNS.get(key)).hasValue(1);
        assertThat(storage.getJobById(first).getJobName()).isEqualTo("count " + key);
        assertThat(storage.getJobById(first).getLabels()).containsExactly("test");
    }

    @Test
    void aFailingJobIsRetriedWithBackoffAndEachOutcomeIsCountedPerType() {
        String key = "retried-" + UUID.randomUUID();
        UUID id = jobs.enqueueOnce(key, "fails once", new CountedRun(key, 1), List.of("test"));
        await().atMost(Duration.ofSeconds(60)).until(() -> storage.getJobById(id).getState() == StateName.SUCCEEDED);
        assertThat(RUNS.get(key)).hasValue(2);
        assertThat(registry.get("cadenza.jobs.failed").tag("type", "CountedRunHandler").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("cadenza.jobs.succeeded").tag("type", "CountedRunHandler").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("cadenza.jobs.enqueued").tag("type", "CountedRunHandler").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void theDashboardAnswersOnlyWithItsCredentialsAndOnlyOnLoopback() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI dashboard = URI.create("http://127.0.0.1:" + this.dashboard.port() + "/dashboard/");
        URI api = URI.create("http://127.0.0.1:" + this.dashboard.port() + "/api/jobs?state=SUCCEEDED");
        for (URI uri : List.of(dashboard, api, URI.create("http://127.0.0.1:" + this.dashboard.port() + "/"))) {
            assertThat(client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).as("no credentials: %s", uri).isEqualTo(401);
            assertThat(client.send(HttpRequest.newBuilder(uri).header("Authorization", basic("ops", "wrong")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as("wrong password: %s", uri).isEqualTo(401);
        }
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(api)
                .header("Authorization", basic("ops", "correct horse battery")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"items\"");
        assertThat(this.dashboard.address()).startsWith("http://127.0.0.1:");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
