package io.cadenza.jobs.custody;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * Custody keys, derived from the configured seed along BIP-44's Ethereum path {@code m/44'/60'/0'/0/<index>} (the
 * path wallets use, so that the seed alone recovers every custodial holder's funds). The seed is kept only here and
 * never printed.
 */
public final class CustodyKeys {
    private static final int HARDENED = Bip32ECKeyPair.HARDENED_BIT;

    private final Bip32ECKeyPair account;

    public CustodyKeys(String seed) {
        byte[] bytes = seedBytes(seed);
        try {
            Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(bytes);
            account = Bip32ECKeyPair.deriveKeyPair(master, new int[] {44 | HARDENED, 60 | HARDENED, HARDENED, 0});
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The address of custody slot {@code index}, lower-case. */
    public String address(int index) {
        return credentials(index).getAddress().toLowerCase(Locale.ROOT);
    }

    /** The signer of slot {@code index}, for moving its funds; never to be logged. */
    public Credentials credentials(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("a custody index is not negative");
        }
        return Credentials.create(Bip32ECKeyPair.deriveKeyPair(account, new int[] {index}));
    }

    private static byte[] seedBytes(String seed) {
        String text = seed.strip();
        if (text.matches("(0x)?[0-9a-fA-F]{64,128}")) {
            byte[] bytes = HexFormat.of().parseHex(text.startsWith("0x") ? text.substring(2) : text);
            if (bytes.length % 2 == 0 || bytes.length >= 32) {
                return bytes;
            }
        }
        String[] words = text.split("\\s+");
        if (words.length < 12 || words.length > 24 || words.length % 3 != 0 || !MnemonicUtils.validateMnemonic(text)) {
            // The seed itself is not repeated: it is a secret.
            throw new IllegalArgumentException("cadenza.custody.seed is neither a BIP-39 mnemonic nor a 32 to 64 byte"
                    + " hex seed");
        }
        return MnemonicUtils.generateSeed(text, "");
    }

    @Override
    public String toString() {
        return "CustodyKeys[seed hidden]";
    }
}
