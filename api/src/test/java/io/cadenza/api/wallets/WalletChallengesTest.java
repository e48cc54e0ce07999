package io.cadenza.api.wallets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cadenza.api.testing.TestRedis;
import io.cadenza.api.wallets.SiweRejectedException.Reason;
import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.devnode.HardhatNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import io.cadenza.api.testing.TestWallet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Challenges on a real (embedded) Redis: a nonce proves one link, once, for the account it was issued to. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletChallengesTest {
    private static final SignerKey WALLET = HardhatNode.devAccount(2);
    private static final SiweVerifier.Expectations OURS =
            WalletChallenges.expectationsFor(URI.create("http://127.0.0.1:8080"), 31337);

    private TestRedis redisServer;
    private RedisClient client;
    private StatefulRedisConnection<String, String> redis;

    @BeforeAll
    void start() {
        redisServer = new TestRedis();
        client = RedisClient.create(redisServer.uri().toString());
        redis = client.connect();
    }

    @AfterAll
    void stop() {
        redis.close();
        client.shutdown();
        redisServer.close();
    }

    @Test
    void anIssuedChallengeVerifiesAndItsNonceWorksExactlyOnce() {
        WalletChallenges challenges = new WalletChallenges(redis, OURS, WalletChallenges.CHALLENGE_TTL_DEFAULT,
                Clock.systemUTC());
        SiweMessage challenge = challenges.issue("account-1", WALLET.address());
        assertThat(challenge.domain()).isEqualTo("127.0.0.1:8080");
        assertThat(challenge.nonce()).hasSize(24);

        SiweMessage proved = new SiweVerifier().verify(challenge.toText(),
                SiweVerifierTest.sign(challenge.toText(), WALLET), challenges.expectations(), Instant.now());
        challenges.consume(proved.nonce(), "account-1", proved.address());
        assertRejected(() -> challenges.consume(proved.nonce(), "account-1", proved.address()));
    }

    @Test
    void aNonceIssuedToAnotherAccountOrNeverIssuedIsUnknown() {
        WalletChallenges challenges = new WalletChallenges(redis, OURS, WalletChallenges.CHALLENGE_TTL_DEFAULT,
                Clock.systemUTC());
        SiweMessage challenge = challenges.issue("account-1", WALLET.address());
        assertRejected(() -> challenges.consume(challenge.nonce(), "account-2", WALLET.address()));
        assertRejected(() -> challenges.consume("NeverIssuedNonce12345678", "account-1", WALLET.address()));
    }

    @Test
    void anotherAccountOrAnotherAddressCannotBurnANonce() {
        WalletChallenges challenges = new WalletChallenges(redis, OURS, WalletChallenges.CHALLENGE_TTL_DEFAULT,
                Clock.systemUTC());
        SiweMessage challenge = challenges.issue("account-1", WALLET.address());
        String otherAddress = TestWallet.random().address();
        assertRejected(() -> challenges.consume(challenge.nonce(), "account-2", WALLET.address()));
        assertRejected(() -> challenges.consume(challenge.nonce(), "account-1", otherAddress));
        // Still there for the account and the address it was issued for.
        challenges.consume(challenge.nonce(), "account-1", WALLET.address().toLowerCase());
    }

    @Test
    void anExpiredChallengesNonceIsUnknown() {
        WalletChallenges challenges = new WalletChallenges(redis, OURS, Duration.ofSeconds(1), Clock.systemUTC());
        SiweMessage challenge = challenges.issue("account-1", WALLET.address());
        assertThat(challenge.expirationTime()).isEqualTo(challenge.issuedAt().plusSeconds(1));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> redis.sync().exists(WalletChallenges.key(challenge.nonce())) == 0);
        assertRejected(() -> challenges.consume(challenge.nonce(), "account-1", WALLET.address()));
    }

    private static void assertRejected(Runnable consume) {
        assertThatThrownBy(consume::run).isInstanceOfSatisfying(SiweRejectedException.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Reason.UNKNOWN_NONCE));
    }
}
