package io.cadenza.api.accounts;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a new password must meet (NIST SP 800-63B's spirit: length over composition, and no password that is
 * guessed first). Bounded above because every character is hashed by Argon2 at each login.
 */
public final class PasswordPolicy {
    public static final int LENGTH_MIN = 12;
    public static final int LENGTH_MAX = 128;

    private static final Set<String> GUESSED_FIRST = Set.of("password1234", "123456789012", "qwertyuiopas",
            "passwordpassword", "iloveyou1234", "letmein12345", "admin1234567", "welcome12345", "changeme1234",
            "cadenzacadenza");

    private PasswordPolicy() {}

    /** Why the password is refused, or nothing when it is acceptable. */
    public static Optional<String> violation(String password, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < LENGTH_MIN) {
            return Optional.of("must be at least " + LENGTH_MIN + " characters");
        }
        if (length > LENGTH_MAX) {
            return Optional.of("must be at most " + LENGTH_MAX + " characters");
        }
        if (password.codePoints().distinct().count() < 4) {
            return Optional.of("must use at least 4 different characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (GUESSED_FIRST.contains(lower)) {
            return Optional.of("is among the passwords guessed first");
        }
        String localPart = Account.emailKey(email).split("@", 2)[0];
        if (localPart.length() >= 4 && lower.contains(localPart)) {
            return Optional.of("must not contain the email address");
        }
        return Optional.empty();
    }
}
