package io.cadenza.jobs.background;

import java.time.Duration;
import java.util.Objects;
import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * A recurring job, declared in code as a bean: its stable id (what the dashboard and the storage key it by), a
 * readable name, how often it runs, and the request it runs. Instances with the jobs role register every declaration
 * at start-up; registering again under the same id replaces the schedule, so a changed interval takes effect on the
 * next deployment. JobRunr does not start a recurring job while its previous run is still going.
 */
public record Recurring(String id, String name, Duration every, JobRequest request) {
    public Recurring {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(request, "request");
        if (every == null || every.compareTo(Duration.ofSeconds(5)) < 0) {
            // JobRunr refuses shorter intervals than its poll interval could honour.
            throw new IllegalArgumentException("a recurring job runs at most every 5 s, not every " + every);
        }
    }
}
