package io.cadenza.api.wallets;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestWallet;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Linking a wallet with Sign-In with Ethereum through HTTP: what proves control of an address, and what does not. */
@ExtendWith(TestApplication.Extension.class)
class WalletLinkingTest {
    private final ApiClient api;

    WalletLinkingTest(TestApplication application) {
        this.api = application.client();
    }

    @Test
    void aSignedChallengeLinksTheWalletAndItsNonceCannotBeReplayed() {
        Session investor = api.signUp("INVESTOR");
        TestWallet wallet = TestWallet.random();
        Answer challenge = challenge(investor, wallet.address().toLowerCase());
        assertThat(challenge.status()).as(challenge.toString()).isEqualTo(201);
        String message = challenge.json().get("message").asText();
        assertThat(message).startsWith("app.cadenza.test wants you to sign in with your Ethereum account:\n"
                + wallet.address() + "\n");
        assertThat(message).contains("Chain ID: 31337").contains("URI: " + TestApplication.SIWE_ORIGIN)
                .contains("Nonce: " + challenge.json().get("nonce").asText());

        Answer linked = link(investor, message, wallet.sign(message));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
        assertThat(linked.json().get("address").asText()).isEqualTo(wallet.address());
        assertThat(linked.json().get("chainId").asLong()).isEqualTo(31337);

        Answer replay = link(investor, message, wallet.sign(message));
        assertRejected(replay, "unknown-nonce");

        Answer mine = api.get("/v1/me/wallets", investor.accessToken());
        assertThat(mine.json().findValuesAsText("address")).containsExactly(wallet.address());
    }

    @Test
    void aLinkRetriedWithItsIdempotencyKeyGetsTheFirstAnswerThoughItsNonceIsSpent() {
        Session investor = api.signUp("INVESTOR");
        TestWallet wallet = TestWallet.random();
        String message = challenge(investor, wallet.address()).json().get("message").asText();
        java.util.Map<String, String> key = java.util.Map.of("Idempotency-Key", "link-" + wallet.address());
        Answer first = api.post("/v1/wallets", object("message", message, "signature", wallet.sign(message)),
                investor.accessToken(), key);
        Answer retry = api.post("/v1/wallets", object("message", message, "signature", wallet.sign(message)),
                investor.accessToken(), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void aSignatureFromAnotherAddressIsRejected() {
        Session investor = api.signUp("INVESTOR");
        TestWallet claimed = TestWallet.random();
        String message = challenge(investor, claimed.address()).json().get("message").asText();
        assertRejected(link(investor, message, TestWallet.random().sign(message)), "signed-by-another-address");
        // The failed proof did not use the nonce up: the right signature still links.
        assertThat(link(investor, message, claimed.sign(message)).status()).isEqualTo(201);
    }

    @Test
    void aMessageForAnotherChainDomainOrUriOrOutOfItsWindowIsRejected() {
        Session investor = api.signUp("INVESTOR");
        TestWallet wallet = TestWallet.random();
        SiweMessage issued = SiweMessage.parse(challenge(investor, wallet.address()).json().get("message").asText());

        assertRejected(signedVariant(investor, wallet, withChain(issued, 1)), "wrong-chain");
        assertRejected(signedVariant(investor, wallet, new SiweMessage("evil.example", issued.address(),
                issued.statement(), issued.uri(), issued.chainId(), issued.nonce(), issued.issuedAt(),
                issued.expirationTime(), null, null, List.of())), "wrong-domain");
        assertRejected(signedVariant(investor, wallet, new SiweMessage(issued.domain(), issued.address(),
                issued.statement(), URI.create("https://evil.example"), issued.chainId(), issued.nonce(),
                issued.issuedAt(), issued.expirationTime(), null, null, List.of())), "wrong-uri");
        Instant past = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        assertRejected(signedVariant(investor, wallet, new SiweMessage(issued.domain(), issued.address(),
                issued.statement(), issued.uri(), issued.chainId(), issued.nonce(), past,
                past.plusSeconds(300), null, null, List.of())), "expired");
        // None of these used the nonce: the message as issued still links.
        assertThat(link(investor, issued.toText(), wallet.sign(issued.toText())).status()).isEqualTo(201);
    }

    @Test
    void aNonceIssuedToAnotherAccountIsUnknownToThisOne() {
        Session alice = api.signUp("INVESTOR");
        Session mallory = api.signUp("INVESTOR");
        TestWallet wallet = TestWallet.random();
        String message = challenge(alice, wallet.address()).json().get("message").asText();
        assertRejected(link(mallory, message, wallet.sign(message)), "unknown-nonce");
    }

    @Test
    void anAddressBelongsToOneAccount() {
        Session first = api.signUp("INVESTOR");
        Session second = api.signUp("ARTIST");
        TestWallet wallet = TestWallet.random();
        String message = challenge(first, wallet.address()).json().get("message").asText();
        assertThat(link(first, message, wallet.sign(message)).status()).isEqualTo(201);

        String again = challenge(second, wallet.address()).json().get("message").asText();
        Answer taken = link(second, again, wallet.sign(again));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.problemType()).isEqualTo("wallet-linked-elsewhere");
        assertThat(api.get("/v1/me/wallets", second.accessToken()).json().size()).isZero();
    }

    @Test
    void malformedInputIsAFieldErrorAndAnonymousCallersAreRefused() {
        Session investor = api.signUp("INVESTOR");
        assertField(api.post("/v1/wallets/challenge", object("address", "0x1234"), investor.accessToken()),
                "address");
        assertField(api.post("/v1/wallets/challenge", object(), investor.accessToken()), "address");
        TestWallet wallet = TestWallet.random();
        String message = challenge(investor, wallet.address()).json().get("message").asText();
        assertField(link(investor, message, "0xdeadbeef"), "signature");
        assertField(link(investor, "hello, sign me", wallet.sign("hello, sign me")), "message");
        assertThat(api.post("/v1/wallets/challenge", object("address", wallet.address()), null).status())
                .isEqualTo(401);
        assertThat(api.post("/v1/wallets", object("message", message, "signature", wallet.sign(message)), null)
                .status()).isEqualTo(401);
    }

    private Answer challenge(Session session, String address) {
        return api.post("/v1/wallets/challenge", object("address", address), session.accessToken());
    }

    private Answer link(Session session, String message, String signature) {
        return api.post("/v1/wallets", object("message", message, "signature", signature), session.accessToken());
    }

    private Answer signedVariant(Session session, TestWallet wallet, SiweMessage variant) {
        return link(session, variant.toText(), wallet.sign(variant.toText()));
    }

    private static SiweMessage withChain(SiweMessage message, long chainId) {
        return new SiweMessage(message.domain(), message.address(), message.statement(), message.uri(), chainId,
                message.nonce(), message.issuedAt(), message.expirationTime(), null, null, List.of());
    }

    private static void assertRejected(Answer answer, String reason) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.problemType()).isEqualTo("wallet-challenge-rejected");
        assertThat(answer.json().get("detail").asText()).startsWith(reason + ":");
    }

    private static void assertField(Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.problemType()).isEqualTo("validation");
        assertThat(answer.json().get("errors").findValuesAsText("field")).contains(field);
    }
}
