package io.cadenza.chain.testing;

import io.cadenza.chain.audit.AuditLog;
import io.cadenza.chain.database.CurrentTransaction;
import io.cadenza.chain.deployment.DeploymentManifestStore;
import io.cadenza.chain.outbox.OutboxReads;
import io.cadenza.chain.outbox.OutboxStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The application's data access over a test pool: the same transaction manager and repositories, in a Micronaut
 * context that starts nothing else (no role, no chain). One per pool, for the JVM's life.
 */
public final class DataAccess {
    private static final Map<DataSource, DataAccess> OPEN = new ConcurrentHashMap<>();

    private final ApplicationContext context;

    private DataAccess(ApplicationContext context) {
        this.context = context;
    }

    public static DataAccess over(DataSource dataSource) {
        return OPEN.computeIfAbsent(dataSource, pool -> {
            ApplicationContext context = ApplicationContext.builder()
                    .properties(Map.of("datasources.default.dialect", "POSTGRES",
                            "datasources.default.schema-generate", "NONE", "cadenza.roles", ""))
                    .build();
            context.registerSingleton(DataSource.class, pool, Qualifiers.byName("default"));
            return new DataAccess(context.start());
        });
    }

    /** A bean of the context (a repository, a service of the module under test). */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Provides {@code bean} to the context, for beans it has no configuration to make (a node's connection). */
    public <T> DataAccess provide(Class<T> type, T bean) {
        context.registerSingleton(type, bean);
        return this;
    }

    public CurrentTransaction transaction() {
        return context.getBean(CurrentTransaction.class);
    }

    public OutboxStore outboxStore() {
        return new OutboxStore(transaction(), context.getBean(OutboxReads.class), auditLog());
    }

    public AuditLog auditLog() {
        return context.getBean(AuditLog.class);
    }

    public DeploymentManifestStore manifestStore() {
        return context.getBean(DeploymentManifestStore.class);
    }
}
