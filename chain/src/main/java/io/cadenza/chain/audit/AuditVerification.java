package io.cadenza.chain.audit;

import io.micronaut.core.annotation.Nullable;

/**
 * What checking the audit log's hash chain found.
 *
 * @param entries how many entries were checked
 * @param intact true when every entry carries its predecessor's hash and its own, numbered without gaps, and the head
 *     names the newest
 * @param brokenAt the first entry that does not fit, when not intact (0 for the head)
 * @param problem what is wrong there
 */
public record AuditVerification(long entries, boolean intact, @Nullable Long brokenAt, @Nullable String problem) {

    static AuditVerification intact(long entries) {
        return new AuditVerification(entries, true, null, null);
    }

    static AuditVerification broken(long entries, long seq, String problem) {
        return new AuditVerification(entries, false, seq, problem);
    }

    public String json() {
        return "{\"entries\":" + entries + ",\"intact\":" + intact
                + (intact ? "" : ",\"brokenAt\":" + brokenAt + ",\"problem\":\"" + problem + "\"") + "}";
    }
}
