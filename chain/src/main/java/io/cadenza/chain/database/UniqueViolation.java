package io.cadenza.chain.database;

import java.sql.SQLException;

/** Tells a unique constraint refusing a row (a business conflict: a taken email, ISRC, key) from other failures. */
public final class UniqueViolation {
    /** PostgreSQL's SQLSTATE for a unique constraint violated. */
    public static final String SQL_STATE = "23505";

    private UniqueViolation() {}

    /** Whether {@code failure}, or what caused it, is a unique constraint's refusal. */
    public static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
