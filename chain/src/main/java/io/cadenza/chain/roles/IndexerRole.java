package io.cadenza.chain.roles;

/** {@code @Requires(condition = IndexerRole.class)}: the bean exists only on instances with the indexer role. */
public final class IndexerRole extends RoleCondition {
    public IndexerRole() {
        super(InstanceRole.INDEXER);
    }
}
