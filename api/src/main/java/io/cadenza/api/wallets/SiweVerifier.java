package io.cadenza.api.wallets;

import io.cadenza.api.wallets.SiweRejectedException.Reason;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.time.Instant;
import java.util.Arrays;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Checks a signed EIP-4361 message against what this API issued: domain, URI, chain id and validity window, then the
 * signature (EIP-191 personal_sign, low-s only) against the message's address. The nonce is the caller's to consume:
 * verification has no state.
 */
public final class SiweVerifier {
    /** secp256k1's order divided by two: a signature with a larger s is the malleable twin of a valid one. */
    private static final BigInteger HALF_CURVE_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);
    private static final int SIGNATURE_BYTES = 65;

    /** What a message must say to be one of ours. */
    public record Expectations(String domain, URI uri, long chainId) {}

    public SiweMessage verify(String text, String signatureHex, Expectations expected, Instant now) {
        SiweMessage message;
        try {
            message = SiweMessage.parse(text);
        } catch (MalformedSiweMessageException malformed) {
            throw new SiweRejectedException(Reason.MALFORMED, malformed.getMessage());
        }
        if (!message.domain().equals(expected.domain())) {
            throw new SiweRejectedException(Reason.WRONG_DOMAIN, "the message is for " + message.domain());
        }
        if (!message.uri().equals(expected.uri())) {
            throw new SiweRejectedException(Reason.WRONG_URI, "the message is for " + message.uri());
        }
        if (message.chainId() != expected.chainId()) {
            throw new SiweRejectedException(Reason.WRONG_CHAIN,
                    "the message is for chain " + message.chainId() + ", not " + expected.chainId());
        }
        if (message.expirationTime() != null && !now.isBefore(message.expirationTime())) {
            throw new SiweRejectedException(Reason.EXPIRED, "the message expired at " + message.expirationTime());
        }
        if (message.notBefore() != null && now.isBefore(message.notBefore())) {
            throw new SiweRejectedException(Reason.NOT_YET_VALID, "the message is valid from " + message.notBefore());
        }
        String signer = signerOf(text, signatureHex);
        if (!signer.equalsIgnoreCase(message.address())) {
            throw new SiweRejectedException(Reason.SIGNED_BY_ANOTHER_ADDRESS,
                    "the signature is not from " + message.address());
        }
        return message;
    }

    private static String signerOf(String text, String signatureHex) {
        byte[] signature;
        try {
            signature = Numeric.hexStringToByteArray(signatureHex == null ? "" : signatureHex);
        } catch (RuntimeException notHex) {
            throw new SiweRejectedException(Reason.BAD_SIGNATURE, "the signature is not hex");
        }
        if (signature.length != SIGNATURE_BYTES) {
            throw new SiweRejectedException(Reason.BAD_SIGNATURE, "a signature has " + SIGNATURE_BYTES + " bytes");
        }
        byte v = signature[64];
        if (v < 27) {
            v += 27; // some wallets send the recovery id as 0/1
        }
        byte[] r = Arrays.copyOfRange(signature, 0, 32);
        byte[] s = Arrays.copyOfRange(signature, 32, 64);
        if (v != 27 && v != 28 || new BigInteger(1, s).compareTo(HALF_CURVE_ORDER) > 0) {
            throw new SiweRejectedException(Reason.BAD_SIGNATURE, "the signature is not canonical");
        }
        try {
            BigInteger publicKey = Sign.signedPrefixedMessageToKey(text.getBytes(StandardCharsets.UTF_8),
                    new Sign.SignatureData(v, r, s));
            return "0x" + Keys.getAddress(publicKey);
        } catch (SignatureException | RuntimeException unrecoverable) {
            throw new SiweRejectedException(Reason.BAD_SIGNATURE, "no key recovers from the signature");
        }
    }
}
