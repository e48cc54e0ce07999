package io.cadenza.api.management;

import io.cadenza.jobs.background.JobsDashboard;
import io.cadenza.jobs.background.Recurring;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.storage.StorageProvider;

/**
 * The background jobs as this instance sees them: whether it runs a job server (jobs role) and whether that server is
 * running, where the dashboard is served (or why not), the recurring jobs declared, and how many jobs failed after
 * their retries. DOWN only when this instance should run jobs and its server is not running.
 */
@Singleton
public class JobsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final StorageProvider storage;
    private final @Nullable BackgroundJobServer server;
    private final @Nullable JobsDashboard dashboard;
    private final List<Recurring> recurring;

    public JobsHealthIndicator(StorageProvider storage, @Nullable BackgroundJobServer server,
            @Nullable JobsDashboard dashboard, List<Recurring> recurring) {
        this.storage = storage;
        this.server = server;
        this.dashboard = dashboard;
        this.recurring = recurring;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("server", server == null ? "off (no jobs role)" : server.isRunning() ? "running" : "stopped");
        details.put("dashboard", dashboard != null ? dashboard.address()
                : server == null ? "off (no jobs role)" : "off (set cadenza.jobs.dashboard.password to serve it)");
        details.put("recurring", recurring.stream().map(job -> job.id() + " every " + job.every()).toList());
        details.put("failedJobs", storage.countJobs(StateName.FAILED));
        healthStatus = server != null && !server.isRunning() ? HealthStatus.DOWN : HealthStatus.UP;
        return details;
    }

    @Override
    protected String getName() {
        return "jobs";
    }
}
