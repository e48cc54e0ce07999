package io.cadenza.indexer.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Many rows in one statement: each column travels as one array parameter and {@code unnest} turns them back into
 * rows. One round trip per table per batch, whatever the row count, with no string-built SQL values.
 */
final class ArrayInsert {
    /** How a column travels (the array's element type) and what it is cast to in the table. */
    enum ColumnType {
        TEXT("text", "text"),
        BIGINT("bigint", "bigint"),
        NUMERIC("text", "numeric");

        private final String arrayElement;
        private final String cast;

        ColumnType(String arrayElement, String cast) {
            this.arrayElement = arrayElement;
            this.cast = cast;
        }
    }

    record Column(String name, ColumnType type) {}

    private final String sql;
    private final List<Column> columns;
    private final List<List<Object>> values;

    /** {@code conflictClause} (may be empty) follows the select, e.g. an {@code on conflict ... do update}. */
    ArrayInsert(String table, List<Column> columns, String conflictClause) {
        this.columns = List.copyOf(columns);
        this.values = new ArrayList<>(columns.size());
        StringJoiner names = new StringJoiner(", ");
        StringJoiner casts = new StringJoiner(", ");
        StringJoiner arrays = new StringJoiner(", ");
        StringJoiner aliases = new StringJoiner(", ");
        for (int index = 0; index < columns.size(); index++) {
            Column column = columns.get(index);
            names.add(column.name());
            casts.add("u.c" + index + "::" + column.type().cast);
            arrays.add("?::" + column.type().arrayElement + "[]");
            aliases.add("c" + index);
            values.add(new ArrayList<>());
        }
        this.sql = "insert into " + table + " (" + names + ") select " + casts + " from unnest(" + arrays + ") as u("
                + aliases + ") " + conflictClause;
    }

    ArrayInsert add(Object... row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + row.length + " values for " + columns.size() + " columns");
        }
        for (int index = 0; index < row.length; index++) {
            Object value = row[index];
            values.get(index).add(columns.get(index).type() == ColumnType.NUMERIC && value != null ? value.toString() : value);
        }
        return this;
    }

    int size() {
        return values.isEmpty() ? 0 : values.getFirst().size();
    }

    void execute(Connection connection) throws SQLException {
        if (size() == 0) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            List<Array> arrays = bind(connection, statement);
            statement.executeUpdate();
            arrays.forEach(ArrayInsert::free);
        }
    }

    /**
     * Runs the insert as {@code with inserted as (<insert> returning <returning>) <query>} and hands the query's
     * rows to {@code reader}: one round trip for an upsert and a check of what it left.
     */
    void executeThen(Connection connection, String returning, String query, RowReader reader) throws SQLException {
        if (size() == 0) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "with inserted as (" + sql + " returning " + returning + ") " + query)) {
            List<Array> arrays = bind(connection, statement);
            try (ResultSet rows = statement.executeQuery()) {
                reader.read(rows);
            }
            arrays.forEach(ArrayInsert::free);
        }
    }

    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private List<Array> bind(Connection connection, PreparedStatement statement) throws SQLException {
        List<Array> arrays = new ArrayList<>(columns.size());
        for (int index = 0; index < columns.size(); index++) {
            Array array = connection.createArrayOf(columns.get(index).type().arrayElement, values.get(index).toArray());
            arrays.add(array);
            statement.setArray(index + 1, array);
        }
        return arrays;
    }

    private static void free(Array array) {
        try {
            array.free();
        } catch (SQLException ignored) {
            // pgjdbc's arrays hold no server resource; freeing only drops a reference.
        }
    }
}
