package io.cadenza.chain.roles;

/** {@code @Requires(condition = ApiRole.class)}: the bean exists only on instances with the api role. */
public final class ApiRole extends RoleCondition {
    public ApiRole() {
        super(InstanceRole.API);
    }
}
