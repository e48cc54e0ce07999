package io.cadenza.indexer.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Appends many rows with PostgreSQL's COPY: the fastest way in, for the tables that only ever get new rows (raw logs,
 * events, headers). Values travel in COPY's text format, escaped, so no value can break out of its column.
 */
final class CopyInsert {
    private final String sql;
    private final int columnCount;
    private final StringBuilder rows = new StringBuilder();
    private int size;

    CopyInsert(String table, List<String> columns) {
        this.sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
        this.columnCount = columns.size();
    }

    CopyInsert add(Object... row) {
        if (row.length != columnCount) {
            throw new IllegalArgumentException("a row of " + row.length + " values for " + columnCount + " columns");
        }
        for (int index = 0; index < row.length; index++) {
            if (index > 0) {
                rows.append('\t');
            }
            appendValue(row[index]);
        }
        rows.append('\n');
        size++;
        return this;
    }

    int size() {
        return size;
    }

    void execute(Connection connection) throws SQLException {
        if (size == 0) {
            return;
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
        } catch (IOException unreachable) {
            throw new SQLException("copying into the database failed", unreachable);
        }
    }

    /** A 0x-hex value for a bytea column: stored as bytes, half the size of its text. */
    record Bytes(String hex) {}

    private void appendValue(Object value) {
        if (value == null) {
            rows.append("\\N");
            return;
        }
        if (value instanceof Bytes bytes) {
            // COPY's text format un-escapes "\\x" to "\x", bytea's hex input.
            rows.append("\\\\x").append(bytes.hex(), 2, bytes.hex().length());
            return;
        }
        String text = value.toString();
        if (!needsEscaping(text)) {
            rows.append(text); // hex, numbers, booleans: the common case, appended whole
            return;
        }
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (character) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(character);
            }
        }
    }

    private static boolean needsEscaping(String text) {
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character == '\\' || character == '\t' || character == '\n' || character == '\r') {
                return true;
            }
        }
        return false;
    }
}
