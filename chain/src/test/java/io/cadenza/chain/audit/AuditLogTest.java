package io.cadenza.chain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.database.CurrentTransaction;
import io.cadenza.chain.outbox.ChainAccount;
import io.cadenza.chain.outbox.OutboxStore;
import io.cadenza.chain.outbox.TransactionIntent;
import io.cadenza.chain.testing.DataAccess;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The audit log on a database of its own per test: appends, the hash chain, and what the database refuses. */
@ExtendWith(TestServicesExtension.class)
class AuditLogTest {
    private HikariDataSource database;
    private DataAccess data;
    private AuditLog audit;
    private AuditChainCheck check;

    @BeforeEach
    void setUp(TestServices services) {
        database = services.freshDatabase();
        data = DataAccess.over(database);
        audit = data.auditLog();
        check = data.bean(AuditChainCheck.class);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void concurrentAppendsFormOneChainWithoutGapsAndRolledBackActionsLeaveNoEntry() throws Exception {
        CurrentTransaction transaction = data.transaction();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> work = new ArrayList<>();
        for (int writer = 0; writer < 6; writer++) {
            int id = writer;
            work.add(pool.submit(() -> {
                for (int index = 0; index < 20; index++) {
                    int n = index;
                    try {
                        transaction.write(connection -> {
                            audit.append(AuditRecord.of(UUID.randomUUID(), "test.append", "writer:" + id)
                                    .withAfter(Map.of("index", n, "note", "ünïcode \"quoted\"")));
                            if (n % 5 == 4) {
                                throw new SQLException("the action failed after its entry was appended");
                            }
                            return null;
                        });
                    } catch (SQLException expected) {
                        // Its entry rolls back with it.
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();

        AuditVerification result = check.run();
        assertThat(result.intact()).as(result.json()).isTrue();
        assertThat(result.entries()).isEqualTo(6 * 16);
        assertThat(count("select count(*) from audit_entry where after_state like '%\"index\":4,%'")).isZero();
    }

    @Test
    void anEntryAppendedInANestedTransactionCommitsWithTheOutermostOnly() throws Exception {
        CurrentTransaction transaction = data.transaction();
        try {
            transaction.write(outer -> {
                transaction.write(inner -> {
                    audit.append(AuditRecord.of(UUID.randomUUID(), "test.nested", "rolled-back"));
                    return null;
                });
                throw new SQLException("the outer action fails after the inner one appended");
            });
        } catch (SQLException expected) {
            // Nothing of it stays.
        }
        transaction.write(outer -> {
            transaction.write(inner -> {
                audit.append(AuditRecord.of(UUID.randomUUID(), "test.nested", "kept"));
                return null;
            });
            assertThat(count(outer, "select count(*) from audit_entry where action = 'test.nested'"))
                    .as("written when the outermost transaction commits, not before").isZero();
            return null;
        });
        assertThat(count("select count(*) from audit_entry where target = 'rolled-back'")).isZero();
        assertThat(count("select count(*) from audit_entry where target = 'kept'")).isEqualTo(1);
        assertThat(check.run().intact()).isTrue();
    }

    /**
     * One transaction appends and then locks a row; another locks that row and then appends. Were the head locked at
     * the append, each would wait for the other (PostgreSQL would abort one as a deadlock); the head is locked at
     * commit, after everything else, and both commit.
     */
    @Test
    void transactionsThatAppendAndLockRowsInOppositeOrdersBothCommit() throws Exception {
        CurrentTransaction transaction = data.transaction();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table contended (id int primary key, v int)");
            statement.execute("insert into contended values (1, 0)");
        }
        java.util.concurrent.CountDownLatch appended = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> first = pool.submit(() -> transaction.write(connection -> {
            audit.append(AuditRecord.of(UUID.randomUUID(), "test.order", "first"));
            appended.countDown();
            await(locked);
            try (Statement statement = connection.createStatement()) {
                statement.execute("update contended set v = 1 where id = 1");
            }
            return null;
        }));
        Future<?> second = pool.submit(() -> transaction.write(connection -> {
            await(appended);
            try (Statement statement = connection.createStatement()) {
                statement.execute("update contended set v = 2 where id = 1");
            }
            locked.countDown();
            // Give the first time to queue behind this row lock before this one appends and commits.
            sleep(300);
            audit.append(AuditRecord.of(UUID.randomUUID(), "test.order", "second"));
            return null;
        }));
        second.get(30, java.util.concurrent.TimeUnit.SECONDS);
        first.get(30, java.util.concurrent.TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(count("select count(*) from audit_entry where action = 'test.order'")).isEqualTo(2);
        assertThat(check.run().intact()).isTrue();
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            if (!latch.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other transaction never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void aNewChainIntentIsAuditedWithTheAccountThatCausedItAndOnlyOnce() throws Exception {
        OutboxStore outbox = data.outboxStore();
        ChainAccount account = new ChainAccount(31337, "0x" + "ab".repeat(32), "0x" + "cd".repeat(20));
        UUID causer = UUID.randomUUID();
        TransactionIntent intent = new TransactionIntent("audit-test-" + UUID.randomUUID(), "Test.call",
                "0x" + "ef".repeat(20), new byte[] {1, 2, 3}, BigInteger.ZERO, 100_000L, AuditRecord.account(causer));
        outbox.insertIfAbsent(intent, account);
        outbox.insertIfAbsent(intent, account);
        outbox.insertIfAbsent(new TransactionIntent("audit-test-" + UUID.randomUUID(), "Test.own",
                "0x" + "ef".repeat(20), new byte[] {4}, BigInteger.ZERO, 100_000L), account);

        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select actor, action, target, after_state from audit_entry order by seq")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("account:" + causer);
            assertThat(rows.getString(2)).isEqualTo("chain.intent.submit");
            assertThat(rows.getString(3)).isEqualTo("chain-intent:" + intent.idempotencyKey());
            assertThat(rows.getString(4)).contains("\"purpose\":\"Test.call\"");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(AuditRecord.PLATFORM);
            assertThat(rows.next()).as("the same key again is no new submission").isFalse();
        }
        assertThat(check.run().intact()).isTrue();
    }

    @Test
    void updateDeleteAndTruncateAreRefusedToTheApplicationsRole() throws Exception {
        audit.append(AuditRecord.of(UUID.randomUUID(), "test.append", null));
        for (String change : List.of("update audit_entry set action = 'test.changed'", "delete from audit_entry",
                "truncate audit_entry", "update audit_head set seq = 0", "delete from audit_head")) {
            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.execute(change)).as(change)
                        .isInstanceOf(SQLException.class).hasMessageContaining("refused");
            }
        }
        assertThat(count("select count(*) from audit_entry where action = 'test.append'")).isEqualTo(1);
        assertThat(check.run().intact()).isTrue();
    }

    @Test
    void aRowChangedOrRemovedByHandIsFoundByTheCheck() throws Exception {
        for (int index = 1; index <= 5; index++) {
            audit.append(AuditRecord.of(UUID.randomUUID(), "test.append", "entry:" + index)
                    .withAfter(Map.of("amount", "100")));
        }
        assertThat(check.run().intact()).isTrue();

        byHand("update audit_entry set after_state = '{\"amount\":\"1000000\"}' where seq = 3");
        AuditVerification changed = check.run();
        assertThat(changed.intact()).isFalse();
        assertThat(changed.brokenAt()).isEqualTo(3);
        assertThat(changed.problem()).contains("do not match its hash");

        byHand("update audit_entry set after_state = '{\"amount\":\"100\"}' where seq = 3");
        assertThat(check.run().intact()).as("restored exactly").isTrue();

        byHand("delete from audit_entry where seq = 2");
        AuditVerification removed = check.run();
        assertThat(removed.intact()).isFalse();
        assertThat(removed.brokenAt()).isEqualTo(2);
    }

    @Test
    void theNewestEntryRemovedByHandIsFoundThroughTheHead() throws Exception {
        for (int index = 1; index <= 3; index++) {
            audit.append(AuditRecord.of(UUID.randomUUID(), "test.append", "entry:" + index));
        }
        byHand("delete from audit_entry where seq = 3");
        AuditVerification result = check.run();
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAt()).isZero();
    }

    /** What a superuser can do by switching triggers off: the change the hash chain must reveal. */
    private void byHand(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
            statement.execute(sql);
            statement.execute("set session_replication_role = origin");
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
