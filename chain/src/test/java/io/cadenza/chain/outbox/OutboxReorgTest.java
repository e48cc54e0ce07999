package io.cadenza.chain.outbox;

import static io.cadenza.chain.outbox.OutboxFixture.drain;
import static io.cadenza.chain.outbox.OutboxFixture.freshAddress;
import static io.cadenza.chain.outbox.OutboxFixture.uniqueKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.chain.testing.DeployedSuite;
import io.cadenza.chain.testing.HardhatControl;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.chain.testing.TestSql;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A reorg that drops a transaction the outbox has confirmed, on a real Hardhat node ({@code evm_revert} drops the
 * transactions of the removed blocks, as some nodes do): the intent lands again exactly once, later intents land, and
 * the account's nonces stay contiguous. Also when the sender had already taken the dropped transaction for final,
 * and when the nonce counter had followed the chain's count below it.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxReorgTest {
    private TestServices services;
    private DeployedSuite suite;
    private OutboxFixture fixture;
    private HardhatControl control;

    @BeforeAll
    void deploy(TestServices services) {
        this.services = services;
        suite = DeployedSuite.on(services);
        fixture = new OutboxFixture(suite, services.dataSource());
        control = new HardhatControl(services.hardhatNode().rpcUrl());
    }

    @AfterAll
    void close() {
        suite.close();
    }

    @BeforeEach
    void settle() throws Exception {
        drain(fixture.sender(), () -> fixture.outbox.depth().total() == 0);
    }

    @Test
    void aConfirmedIntentThatAReorgDropsLandsAgainExactlyOnceAndTheNoncesStayContiguous() throws Exception {
        TransactionSender sender = fixture.sender();
        String snapshot = control.snapshot();
        Minted dropped = confirmedMint(sender, "dropped", 7);
        long droppedNonce = fixture.find(dropped.key()).nonce();

        control.revert(snapshot); // the block goes, and with it the transaction: the chain's nonce goes back
        assertThat(fixture.stablecoinBalance(dropped.holder())).isZero();
        assertThat(fixture.operatorNonce()).isEqualTo(droppedNonce);

        Minted later = submitMint("later", 3);
        Minted last = submitMint("last", 5);
        drainUntilConfirmed(sender, dropped, later, last);

        assertLandedOnceWithContiguousNonces(droppedNonce, dropped, later, last);
    }

    @Test
    void anIntentTakenForFinalThatAReorgDroppedIsCaughtByTheChainsCountAndLandsAgain() throws Exception {
        TransactionSender sender = fixture.sender();
        String snapshot = control.snapshot();
        Minted dropped = confirmedMint(sender, "final", 11);
        long droppedNonce = fixture.find(dropped.key()).nonce();
        // The sender took it for final, as it does once its block is deeper than the finality depth.
        TestSql.execute(services.dataSource(), "update chain_tx set finalized_at = now() where idempotency_key = ?",
                dropped.key());

        control.revert(snapshot); // a reorg deeper than the watch
        Minted later = submitMint("after-final", 13);
        drainUntilConfirmed(sender, dropped, later);

        assertLandedOnceWithContiguousNonces(droppedNonce, dropped, later);
    }

    @Test
    void aNonceCounterThatFellBelowAConfirmedIntentIsRederivedSoThatNoNonceIsUsedTwiceOrSkipped() throws Exception {
        TransactionSender sender = fixture.sender();
        String snapshot = control.snapshot();
        Minted dropped = confirmedMint(sender, "conflict", 17);
        long droppedNonce = fixture.find(dropped.key()).nonce();
        control.revert(snapshot);
        // What the reported failure left: a counter at the chain's count, which the dropped intent's nonce holds.
        fixture.store.setNextNonce(sender.chainAccount(), droppedNonce);

        Minted later = submitMint("after-conflict", 19);
        sender.signPass(); // the signing half alone, before any watch
        assertThat(fixture.find(later.key()).nonce()).as("not the dropped intent's nonce").isEqualTo(droppedNonce + 1);
        drainUntilConfirmed(sender, dropped, later);

        assertLandedOnceWithContiguousNonces(droppedNonce, dropped, later);
    }

    private void assertLandedOnceWithContiguousNonces(long firstNonce, Minted... minted) throws Exception {
        for (int i = 0; i < minted.length; i++) {
            assertThat(fixture.stablecoinBalance(minted[i].holder())).as(minted[i].key())
                    .isEqualTo(BigInteger.valueOf(minted[i].amount()));
            assertThat(fixture.find(minted[i].key()).nonce()).as(minted[i].key()).isEqualTo(firstNonce + i);
        }
        assertThat(fixture.operatorNonce()).isEqualTo(firstNonce + minted.length);
    }

    private Minted confirmedMint(TransactionSender sender, String name, long amount) throws Exception {
        Minted minted = submitMint(name, amount);
        drainUntilConfirmed(sender, minted);
        return minted;
    }

    private void drainUntilConfirmed(TransactionSender sender, Minted... minted) throws Exception {
        drain(sender, () -> Arrays.stream(minted)
                .allMatch(each -> fixture.isStatus(each.key(), TransactionStatus.CONFIRMED)));
    }

    private Minted submitMint(String name, long amount) {
        Minted minted = new Minted(uniqueKey(name), freshAddress(), amount);
        fixture.outbox.submit(fixture.mint(minted.key(), minted.holder(), amount));
        return minted;
    }

    private record Minted(String key, String holder, long amount) {}
}
