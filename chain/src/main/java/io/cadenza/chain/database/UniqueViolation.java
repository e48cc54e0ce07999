package io.cadenza.chain.database;

import java.sql.SQLException;

/** Tells a unique constraint refusing a row (a business conflict: a taken email, ISRC, key) from other failures. */
public final class UniqueViolation {
    /** PostgreSQL's SQLSTATE for a unique constraint violated. */
    public static final String SQL_STATE = "23505";

    private UniqueViolation() {}

    /**
     * The name of the unique constraint (or index) that refused the row, when {@code failure} is such a refusal and
     * the server named it; for telling which of a table's keys was taken without another query (a failed statement
     * leaves the transaction unusable).
     */
    public static java.util.Optional<String> constraint(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.postgresql.util.PSQLException psql && SQL_STATE.equals(psql.getSQLState())
                    && psql.getServerErrorMessage() != null) {
                return java.util.Optional.ofNullable(psql.getServerErrorMessage().getConstraint());
            }
        }
        return java.util.Optional.empty();
    }

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
