package io.cadenza.chain.roles;

/** {@code @Requires(condition = SenderRole.class)}: the bean exists only on instances with the sender role. */
public final class SenderRole extends RoleCondition {
    public SenderRole() {
        super(InstanceRole.SENDER);
    }
}
