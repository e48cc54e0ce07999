package io.cadenza.chain.audit;

import io.cadenza.chain.database.CurrentTransaction;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The audit log; the application that serves requests supplies their origin ({@link AuditOrigin}). */
@Factory
@Requires(beans = CurrentTransaction.class)
public class AuditBeans {

    /** Without requests (a jobs-only instance, a command): entries carry no request id or client address. */
    @Singleton
    @Secondary
    AuditOrigin noRequests() {
        return AuditOrigin.NONE;
    }

    @Singleton
    AuditLog auditLog(CurrentTransaction transaction, AuditOrigin origin) {
        return new AuditLog(transaction, origin, Clock.systemUTC());
    }

    @Singleton
    AuditChainCheck auditChainCheck(CurrentTransaction transaction) {
        return new AuditChainCheck(transaction);
    }
}
