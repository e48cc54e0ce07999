package io.cadenza.chain.roles;

/** {@code @Requires(condition = JobsRole.class)}: the bean exists only on instances with the jobs role. */
public final class JobsRole extends RoleCondition {
    public JobsRole() {
        super(InstanceRole.JOBS);
    }
}
