package io.cadenza.chain.config;

import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;

/**
 * A secp256k1 private key, held so that it cannot reach a log or an error message by accident: {@link #toString()}
 * shows only the address it signs for.
 */
public final class SignerKey {
    private static final Pattern HEX_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

    private final Credentials credentials;

    private SignerKey(Credentials credentials) {
        this.credentials = credentials;
    }

    /** Parses a 32-byte hex key, with or without 0x. The message of a rejection never contains the input. */
    public static SignerKey parse(String hexKey) {
        if (hexKey == null || !HEX_KEY.matcher(hexKey.strip()).matches()) {
            throw new IllegalArgumentException("a signer key must be 32 bytes of hex (64 hex digits, optional 0x)");
        }
        return new SignerKey(Credentials.create(hexKey.strip()));
    }

    public Credentials credentials() {
        return credentials;
    }

    /** The checksum-free lower-case 0x address this key signs for. */
    public String address() {
        return credentials.getAddress();
    }

    @Override
    public String toString() {
        return "SignerKey[address=" + address() + ", key=<redacted>]";
    }
}
