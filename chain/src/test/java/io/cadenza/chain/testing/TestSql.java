package io.cadenza.chain.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** What tests ask the database directly: counts behind an assertion, rows a scenario starts from. */
public final class TestSql {
    private TestSql() {}

    /** The single number {@code sql} answers, with text parameters. */
    public static long count(DataSource database, String sql, String... parameters) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select = prepare(connection, sql, parameters);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Runs an insert, update or delete with text parameters; answers the rows it changed. */
    public static int execute(DataSource database, String sql, String... parameters) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** PostgreSQL's plan for {@code query}, as EXPLAIN prints it. */
    public static String plan(Statement statement, String query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("explain " + query)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static PreparedStatement prepare(Connection connection, String sql, String... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int index = 0; index < parameters.length; index++) {
            statement.setString(index + 1, parameters[index]);
        }
        return statement;
    }
}
