package io.cadenza.jobs.background;

import io.cadenza.chain.roles.JobsRole;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.util.List;
import javax.sql.DataSource;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JobRunr as the application's beans (not {@code JobRunr.configure()}, whose own shutdown hook races the
 * application's): its storage in the application's database, where every instance can enqueue; job servers, the
 * recurring jobs and the dashboard on instances with the jobs role.
 */
@Factory
@Requires(beans = DataSource.class)
public class BackgroundJobsBeans {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobsBeans.class);

    @Singleton
    JsonMapper jobsJsonMapper() {
        return new JacksonJsonMapper();
    }

    @Singleton
    JobMeters jobMeters(MeterRegistry registry) {
        return new JobMeters(registry);
    }

    @Singleton
    @Bean(preDestroy = "close")
    StorageProvider jobStorage(DataSource dataSource, JsonMapper mapper) {
        // JobRunr commits its own writes: it gets plain connections, outside the application's transactions.
        DataSource plain = DelegatingDataSource.unwrapDataSource(dataSource);
        JobTables.migrate(plain);
        StorageProvider storage = new PostgresStorageProvider(plain, DatabaseOptions.SKIP_CREATE);
        storage.setJobMapper(new JobMapper(mapper));
        return storage;
    }

    @Singleton
    BackgroundJobs backgroundJobs(StorageProvider storage, JobMeters meters) {
        return new BackgroundJobs(new JobRequestScheduler(storage, List.of(meters)), storage);
    }

    /** The job server, started with the application on jobs instances, after the recurring jobs are declared. */
    @Context
    @Requires(condition = JobsRole.class)
    @Bean(preDestroy = "stop")
    BackgroundJobServer jobServer(StorageProvider storage, JsonMapper mapper, BeanContext beans,
            JobsConfiguration configuration, JobMeters meters, BackgroundJobs jobs, List<Recurring> recurring) {
        recurring.forEach(jobs::schedule);
        BackgroundJobServer server = new BackgroundJobServer(storage, mapper, new BeanJobActivator(beans),
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andWorkerCount(configuration.workers())
                        .andPollInterval(configuration.pollInterval()));
        server.setJobFilters(List.of(meters));
        server.start();
        LOG.info("job server started: {} workers, {} recurring job(s)", configuration.workers(), recurring.size());
        return server;
    }

    @Context
    @Requires(condition = JobsRole.class)
    @Requires(property = "cadenza.jobs.dashboard.password")
    @Requires(property = "cadenza.jobs.dashboard.enabled", notEquals = "false")
    @Bean(preDestroy = "close")
    JobsDashboard jobsDashboard(StorageProvider storage, JsonMapper mapper, JobsConfiguration configuration) {
        return new JobsDashboard(storage, mapper, configuration.dashboard());
    }
}
