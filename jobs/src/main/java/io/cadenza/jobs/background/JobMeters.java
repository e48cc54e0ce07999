package io.cadenza.jobs.background;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jobrunr.jobs.AbstractJob;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.JobClientFilter;
import org.jobrunr.jobs.filters.JobServerFilter;

/**
 * Counts jobs per type as they are created, succeed and fail ({@code cadenza_jobs_enqueued_total{type}},
 * {@code cadenza_jobs_succeeded_total{type}}, {@code cadenza_jobs_failed_total{type}}; a failure counts each attempt
 * that threw, retried or not). JobRunr's own meters count jobs per state, not per type.
 */
final class JobMeters implements JobClientFilter, JobServerFilter {
    private final MeterRegistry registry;

    JobMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onCreated(AbstractJob job) {
        count("cadenza.jobs.enqueued", job);
    }

    @Override
    public void onProcessingSucceeded(Job job) {
        count("cadenza.jobs.succeeded", job);
    }

    @Override
    public void onProcessingFailed(Job job, Exception failure) {
        count("cadenza.jobs.failed", job);
    }

    private void count(String name, AbstractJob job) {
        Counter.builder(name).tag("type", typeOf(job)).register(registry).increment();
    }

    /** The simple name of the class that runs the job (its handler), without its enclosing class's. */
    static String typeOf(AbstractJob job) {
        String className = job.getJobDetails().getClassName();
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }
}
