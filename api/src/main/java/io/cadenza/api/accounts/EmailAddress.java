package io.cadenza.api.accounts;

import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Emails as accounts hold them. An email is compatibility-normalised (NFKC: full-width and other presentation forms
 * become the letters they show) and stripped; it may not hold invisible characters (zero-width spaces and joiners,
 * soft hyphens, byte-order marks: Unicode's format and control categories) nor spaces, and its domain must have a
 * dot. Its <em>skeleton</em> (Unicode TR39) is what it looks like: two emails with one skeleton are one to the eye, so
 * an account's skeleton is unique, and an email that only looks like another account's is refused.
 */
public final class EmailAddress {
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();

    private EmailAddress() {}

    /** The email as stored: NFKC, stripped. */
    public static String normalized(String email) {
        return Normalizer.normalize(email, Normalizer.Form.NFKC).strip();
    }

    /** The key an email is found by: normalised and lower-cased. */
    public static String key(String email) {
        return normalized(email).toLowerCase(Locale.ROOT);
    }

    /** What the email looks like: the TR39 skeleton of its key. */
    public static String skeleton(String email) {
        return CONFUSABLES.getSkeleton(key(email));
    }

    /** Why the (normalised) email is refused, as a field error's message; empty when it may be an account's. */
    public static Optional<String> refusal(String normalized) {
        for (int index = 0; index < normalized.length(); ) {
            int codePoint = normalized.codePointAt(index);
            index += Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            if (type == Character.FORMAT || type == Character.CONTROL || Character.isWhitespace(codePoint)
                    || Character.isSpaceChar(codePoint)) {
                return Optional.of("must not contain spaces or invisible characters");
            }
        }
        int at = normalized.lastIndexOf('@');
        if (at < 1 || normalized.indexOf('@') != at) {
            return Optional.of("must be an email address");
        }
        String domain = normalized.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return Optional.of("must have a domain with a dot, as name@example.com");
        }
        return Optional.empty();
    }
}
