package io.cadenza.chain.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cadenza.chain.database.CurrentTransaction;
import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Appends to the audit log, in the caller's transaction: the entry commits with the action or not at all.
 *
 * <p>Writing an entry locks the log's head row until the transaction ends, so entries are numbered and chained in the
 * order their transactions commit, without gaps. The write waits until just before the commit: the head is then the
 * last lock the transaction takes, held for the commit only, so two transactions never wait on each other through it
 * (whatever else they lock, in whatever order) and actions that append are serialised for no longer than a commit.
 */
public final class AuditLog {
    public static final int STATE_LENGTH_MAX = 65_536;
    /** Sorted keys: the text that is hashed does not depend on a map's iteration order. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .findAndAddModules()
            .build();

    private final CurrentTransaction transaction;
    private final AuditOrigin origin;
    private final Clock clock;

    public AuditLog(CurrentTransaction transaction, AuditOrigin origin, Clock clock) {
        this.transaction = transaction;
        this.origin = origin;
        this.clock = clock;
    }

    /**
     * Appends the record, with the current request's id and client address when there is one: just before the
     * caller's transaction commits (nothing when it rolls back), or at once in a transaction of its own outside one.
     */
    public void append(AuditRecord record) {
        // Taken now: the request is the caller's, whichever thread commits.
        AuditOrigin.Request request = origin.current().orElse(null);
        String before = json(record.before());
        String after = json(record.after());
        CurrentTransaction.SqlWork<Void> work = connection -> {
            write(connection, record, request, before, after);
            return null;
        };
        try {
            if (!transaction.beforeCommit(work)) {
                transaction.write(work);
            }
        } catch (SQLException failure) {
            throw new AuditLogException("appending " + record.action() + " to the audit log", failure);
        }
    }

    private void write(Connection connection, AuditRecord record, @Nullable AuditOrigin.Request request,
            @Nullable String before, @Nullable String after) throws SQLException {
        long seq;
        byte[] previous;
        try (PreparedStatement head = connection.prepareStatement(
                "update audit_head set seq = seq + 1 where only_row returning seq, entry_hash");
                ResultSet row = head.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the audit log has no head row");
            }
            seq = row.getLong(1);
            previous = row.getBytes(2);
        }
        // Taken under the head's lock: times rise with the sequence.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String requestId = request == null ? null : request.requestId();
        String client = request == null ? null : request.clientAddress();
        byte[] hash = AuditHash.of(seq, at, record.actor(), record.action(), record.target(), requestId, client,
                before, after, previous);
        try (PreparedStatement insert = connection.prepareStatement("""
                with entry as (
                    insert into audit_entry (seq, recorded_at, actor, action, target, request_id, client_address,
                                             before_state, after_state, previous_hash, entry_hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning entry_hash)
                update audit_head set entry_hash = (select entry_hash from entry) where only_row""")) {
            insert.setLong(1, seq);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.setString(3, record.actor());
            insert.setString(4, record.action());
            insert.setString(5, record.target());
            insert.setString(6, requestId);
            insert.setString(7, client);
            insert.setString(8, before);
            insert.setString(9, after);
            insert.setBytes(10, previous);
            insert.setBytes(11, hash);
            insert.executeUpdate();
        }
    }

    private static @Nullable String json(@Nullable Map<String, ?> state) {
        if (state == null) {
            return null;
        }
        try {
            String text = JSON.writeValueAsString(state);
            if (text.length() > STATE_LENGTH_MAX) {
                throw new IllegalArgumentException("an audited state is at most " + STATE_LENGTH_MAX + " characters");
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an audited state must be plain data: " + e.getMessage(), e);
        }
    }

    /** The log could not be appended to: the action's transaction fails with it. */
    public static final class AuditLogException extends RuntimeException {
        AuditLogException(String message, SQLException cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }
}
