package io.cadenza.api.testing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** A wallet as a browser extension holds it: a key that signs EIP-191 personal messages. */
public record TestWallet(Credentials credentials) {

    /** A fresh wallet nobody else has linked. */
    public static TestWallet random() {
        try {
            return new TestWallet(Credentials.create(Keys.createEcKeyPair()));
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestWallet of(Credentials credentials) {
        return new TestWallet(credentials);
    }

    public String address() {
        return Keys.toChecksumAddress(credentials.getAddress());
    }

    /** {@code personal_sign}: 65 bytes r ‖ s ‖ v, hex. */
    public String sign(String text) {
        ECKeyPair keys = credentials.getEcKeyPair();
        Sign.SignatureData signature = Sign.signPrefixedMessage(text.getBytes(StandardCharsets.UTF_8), keys);
        return Numeric.toHexString(signature.getR()) + Numeric.toHexStringNoPrefix(signature.getS())
                + Numeric.toHexStringNoPrefix(signature.getV());
    }
}
