package io.cadenza.api.twofactor;

import io.cadenza.api.text.Sha256;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recovery codes: ten, each 80 random bits written as 16 base32 letters in groups of four ({@code ABCD-EFGH-…}). Stored
 * as SHA-256: a salt or a slow hash adds nothing to 80 random bits. Typed with or without dashes, in any case.
 */
final class RecoveryCodes {
    static final int COUNT = 10;
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {}

    static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int index = 0; index < COUNT; index++) {
            StringBuilder code = new StringBuilder(19);
            for (int letter = 0; letter < 16; letter++) {
                if (letter > 0 && letter % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** The stored form of a code as typed; null when it cannot be one (so nothing is looked up). */
    static byte[] hash(String typed) {
        String normalized = typed == null ? "" : typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (!normalized.matches("[A-Z2-7]{16}")) {
            return null;
        }
        return Sha256.of(normalized);
    }
}
