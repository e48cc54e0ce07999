package io.cadenza.chain.roles;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/** A bean condition that holds on instances with one role (see {@link InstanceRole}). */
public abstract class RoleCondition implements Condition {
    private final InstanceRole role;

    protected RoleCondition(InstanceRole role) {
        this.role = role;
    }

    @Override
    public final boolean matches(ConditionContext context) {
        return role.isOn(context.getBeanContext());
    }
}
