package io.cadenza.jobs.background;

import io.micronaut.context.BeanContext;
import org.jobrunr.server.JobActivator;

/** JobRunr finds a job's handler among the application's beans, so that handlers get their dependencies injected. */
final class BeanJobActivator implements JobActivator {
    private final BeanContext beans;

    BeanJobActivator(BeanContext beans) {
        this.beans = beans;
    }

    @Override
    public <T> T activateJob(Class<T> type) {
        return beans.getBean(type);
    }
}
