package io.cadenza.jobs.background;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;

/**
 * Where the application hands work to the job servers. A job that must exist once gets its id from a business key:
 * enqueuing the same key again is a no-op while the job exists, so callers can enqueue after every commit without
 * counting. Jobs are a prompt, never the record: the state they advance lives in the module's own tables, committed
 * before the job is enqueued, and a recurring sweep finds what a lost enqueue (a crash right after the commit) left.
 */
public final class BackgroundJobs {
    /** Attempts after the first, with JobRunr's exponential backoff (about 3 s, 14 s, 1 min, 4 min, 10 min). */
    public static final int RETRIES = 5;

    private final JobRequestScheduler scheduler;
    private final StorageProvider storage;

    public BackgroundJobs(JobRequestScheduler scheduler, StorageProvider storage) {
        this.scheduler = scheduler;
        this.storage = storage;
    }

    /** The job id a business key maps to. */
    public static UUID idOf(String businessKey) {
        return UUID.nameUUIDFromBytes(("cadenza-job:" + businessKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Enqueues {@code request} under the id of {@code businessKey}, named for the dashboard, unless a job with that id
     * exists already (whatever its state: a succeeded one is not run again).
     */
    public UUID enqueueOnce(String businessKey, String name, JobRequest request, List<String> labels) {
        UUID id = idOf(businessKey);
        if (exists(id)) {
            return id;
        }
        try {
            scheduler.create(JobBuilder.aJob().withId(id).withName(name).withLabels(labels)
                    .withAmountOfRetries(RETRIES).withJobRequest(request));
        } catch (RuntimeException raced) {
            // Another instance created it between the check and the insert: that is the one job.
            if (!exists(id)) {
                throw raced;
            }
        }
        return id;
    }

    /** Registers (or updates) a recurring job. */
    public void schedule(Recurring recurring) {
        scheduler.createRecurrently(org.jobrunr.scheduling.RecurringJobBuilder.aRecurringJob()
                .withId(recurring.id()).withName(recurring.name()).withInterval(recurring.every())
                .withAmountOfRetries(0).withLabels("recurring").withJobRequest(recurring.request()));
    }

    private boolean exists(UUID id) {
        try {
            storage.getJobById(id);
            return true;
        } catch (org.jobrunr.storage.JobNotFoundException absent) {
            return false;
        }
    }
}
