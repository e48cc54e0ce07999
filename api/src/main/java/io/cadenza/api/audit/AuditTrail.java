package io.cadenza.api.audit;

import io.cadenza.chain.audit.AuditLog;
import io.cadenza.chain.audit.AuditRecord;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Function;
import java.util.function.Supplier;

/** An action and its audit entry in one transaction (joining the caller's), for actions with no service of their own. */
@Singleton
public class AuditTrail {
    private final AuditLog log;
    private final TransactionOperations<Connection> transactions;

    public AuditTrail(AuditLog log, TransactionOperations<Connection> transactions) {
        this.log = log;
        this.transactions = transactions;
    }

    /** Runs {@code action}, then appends what {@code entry} makes of its result; a failure of either undoes both. */
    public <T> T recording(Supplier<T> action, Function<T, AuditRecord> entry) {
        return transactions.executeWrite(status -> {
            T result = action.get();
            log.append(entry.apply(result));
            return result;
        });
    }

    /** Appends to the caller's transaction (or commits alone outside one). */
    public void append(AuditRecord record) {
        log.append(record);
    }
}
