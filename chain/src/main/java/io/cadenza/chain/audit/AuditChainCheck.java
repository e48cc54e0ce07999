package io.cadenza.chain.audit;

import io.cadenza.chain.database.CurrentTransaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Walks the audit log in order on one snapshot and recomputes every hash: an entry changed by hand no longer matches
 * its hash, one removed leaves a gap in the numbers and a successor whose previous hash is wrong, one slipped in
 * carries a hash nothing before it explains.
 */
public final class AuditChainCheck {
    private static final int FETCH_SIZE = 1_000;

    private final CurrentTransaction transaction;

    public AuditChainCheck(CurrentTransaction transaction) {
        this.transaction = transaction;
    }

    public AuditVerification run() throws SQLException {
        return transaction.snapshot(connection -> {
            long headSeq;
            byte[] headHash;
            try (PreparedStatement head = connection.prepareStatement(
                    "select seq, entry_hash from audit_head where only_row");
                    ResultSet row = head.executeQuery()) {
                if (!row.next()) {
                    return AuditVerification.broken(0, 0, "the head row is missing");
                }
                headSeq = row.getLong(1);
                headHash = row.getBytes(2);
            }
            long checked = 0;
            byte[] previous = AuditHash.GENESIS;
            try (PreparedStatement select = connection.prepareStatement("""
                    select seq, recorded_at, actor, action, target, request_id, client_address, before_state, after_state,
                           previous_hash, entry_hash
                    from audit_entry order by seq""")) {
                select.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        AuditEntry entry = new AuditEntry(rows.getLong(1), rows.getTimestamp(2).toInstant(),
                                rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                                rows.getString(7), rows.getString(8), rows.getString(9), rows.getBytes(10),
                                rows.getBytes(11));
                        long expectedSeq = checked + 1;
                        if (entry.seq() != expectedSeq) {
                            return AuditVerification.broken(checked, expectedSeq, "entry " + expectedSeq + " is missing");
                        }
                        if (!Arrays.equals(entry.previousHash(), previous)) {
                            return AuditVerification.broken(checked, entry.seq(),
                                    "its previous hash is not the hash of entry " + (entry.seq() - 1));
                        }
                        if (!Arrays.equals(entry.expectedHash(), entry.entryHash())) {
                            return AuditVerification.broken(checked, entry.seq(),
                                    "its fields do not match its hash (changed after it was written)");
                        }
                        previous = entry.entryHash();
                        checked++;
                    }
                }
            }
            if (headSeq != checked || !Arrays.equals(headHash, previous)) {
                return AuditVerification.broken(checked, 0, "the head names entry " + headSeq + ", the log ends at "
                        + checked + (headSeq == checked ? " with another hash" : ""));
            }
            return AuditVerification.intact(checked);
        });
    }
}
