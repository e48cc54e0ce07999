package io.cadenza.api.wallets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.api.wallets.SiweRejectedException.Reason;
import io.cadenza.chain.config.SignerKey;
import io.cadenza.chain.devnode.HardhatNode;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class SiweVerifierTest {
    private static final SignerKey WALLET = HardhatNode.devAccount(2);
    private static final SignerKey OTHER_WALLET = HardhatNode.devAccount(3);
    private static final URI ORIGIN = URI.create("https://app.cadenza.example");
    private static final SiweVerifier.Expectations OURS = new SiweVerifier.Expectations("app.cadenza.example", ORIGIN, 1);
    private static final Instant ISSUED = Instant.parse("2026-11-23T12:00:00Z");

    private final SiweVerifier verifier = new SiweVerifier();

    @Test
    void aMessageSignedByItsAddressIsAcceptedAndReadsBackAsWritten() {
        SiweMessage message = message("app.cadenza.example", ORIGIN, 1);
        assertThat(SiweMessage.parse(message.toText())).isEqualTo(message);
        SiweMessage verified = verifier.verify(message.toText(), sign(message.toText(), WALLET), OURS, ISSUED.plusSeconds(5));
        assertThat(verified.address()).isEqualToIgnoringCase(WALLET.address());
        assertThat(verified.nonce()).isEqualTo("abcDEF123456789xyz");
    }

    @Test
    void aMessageForAnotherDomainUriOrChainIsRefused() {
        assertRejected(message("evil.example", ORIGIN, 1), WALLET, ISSUED, Reason.WRONG_DOMAIN);
        assertRejected(message("app.cadenza.example", URI.create("https://evil.example"), 1), WALLET, ISSUED,
                Reason.WRONG_URI);
        assertRejected(message("app.cadenza.example", ORIGIN, 5), WALLET, ISSUED, Reason.WRONG_CHAIN);
    }

    @Test
    void aMessageOutsideItsValidityWindowIsRefused() {
        SiweMessage message = message("app.cadenza.example", ORIGIN, 1);
        assertRejected(message, WALLET, ISSUED.plus(Duration.ofMinutes(5)), Reason.EXPIRED);
        SiweMessage later = new SiweMessage(message.domain(), message.address(), message.statement(), message.uri(),
                message.chainId(), message.nonce(), ISSUED, null, ISSUED.plusSeconds(60), null, List.of());
        assertRejected(later, WALLET, ISSUED, Reason.NOT_YET_VALID);
    }

    @Test
    void aSignatureFromAnotherWalletOrOfAnAlteredMessageIsRefused() {
        SiweMessage message = message("app.cadenza.example", ORIGIN, 1);
        assertRejected(message, OTHER_WALLET, ISSUED, Reason.SIGNED_BY_ANOTHER_ADDRESS);
        String signature = sign(message.toText(), WALLET);
        String altered = message.toText().replace("Link this wallet", "Link that wallet");
        assertThatThrownBy(() -> verifier.verify(altered, signature, OURS, ISSUED))
                .isInstanceOfSatisfying(SiweRejectedException.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(Reason.SIGNED_BY_ANOTHER_ADDRESS));
    }

    @Test
    void malformedSignaturesAndTheMalleableTwinOfAValidOneAreRefused() {
        String text = message("app.cadenza.example", ORIGIN, 1).toText();
        for (String bad : new String[] {"", "0x1234", "not hex at all", null}) {
            assertThatThrownBy(() -> verifier.verify(text, bad, OURS, ISSUED)).isInstanceOfSatisfying(
                    SiweRejectedException.class, rejected -> assertThat(rejected.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        }
        Sign.SignatureData valid = Sign.signPrefixedMessage(text.getBytes(StandardCharsets.UTF_8),
                WALLET.credentials().getEcKeyPair());
        BigInteger highS = Sign.CURVE_PARAMS.getN().subtract(new BigInteger(1, valid.getS()));
        byte flippedV = (byte) (valid.getV()[0] == 27 ? 28 : 27);
        String twin = Numeric.toHexString(valid.getR()) + Numeric.toHexStringNoPrefixZeroPadded(highS, 64)
                + String.format("%02x", flippedV);
        assertThatThrownBy(() -> verifier.verify(text, twin, OURS, ISSUED)).isInstanceOfSatisfying(
                SiweRejectedException.class, rejected -> assertThat(rejected.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void textsNotShapedLikeOurMessagesAreMalformed() {
        String text = message("app.cadenza.example", ORIGIN, 1).toText();
        for (String malformed : new String[] {"hello", text.replace("Nonce: ", "Nonse: "),
                text.replace(Keys.toChecksumAddress(WALLET.address()), WALLET.address().toLowerCase()),
                text + "\nsomething else",
                text.replace("Chain ID: 1", "Chain ID: one"), "x".repeat(SiweMessage.TEXT_LENGTH_MAX + 1)}) {
            assertThatThrownBy(() -> verifier.verify(malformed, sign(malformed, WALLET), OURS, ISSUED))
                    .isInstanceOfSatisfying(SiweRejectedException.class,
                            rejected -> assertThat(rejected.reason()).isEqualTo(Reason.MALFORMED));
        }
    }

    private void assertRejected(SiweMessage message, SignerKey signer, Instant now, Reason reason) {
        assertThatThrownBy(() -> verifier.verify(message.toText(), sign(message.toText(), signer), OURS, now))
                .isInstanceOfSatisfying(SiweRejectedException.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }

    private static SiweMessage message(String domain, URI uri, long chainId) {
        return new SiweMessage(domain, Keys.toChecksumAddress(WALLET.address()), "Link this wallet to your Cadenza account.", uri, chainId,
                "abcDEF123456789xyz", ISSUED, ISSUED.plus(Duration.ofMinutes(5)), null, null, List.of());
    }

    static String sign(String text, SignerKey signer) {
        Sign.SignatureData signature = Sign.signPrefixedMessage(text.getBytes(StandardCharsets.UTF_8),
                signer.credentials().getEcKeyPair());
        return Numeric.toHexString(signature.getR()) + Numeric.toHexStringNoPrefix(signature.getS())
                + Numeric.toHexStringNoPrefix(signature.getV());
    }
}
