package io.cadenza.jobs.statements;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISRCs as statements write them: distributors print them with or without hyphens, in either case
 * ({@code USRC17607839}, {@code US-RC1-76-07839}); the catalog keeps the hyphenated upper-case form.
 */
final class IsrcCode {
    private static final Pattern LOOSE =
            Pattern.compile("([A-Z]{2})-?([A-Z0-9]{3})-?([0-9]{2})-?([0-9]{5})");

    private IsrcCode() {}

    /** The canonical form, or empty when {@code text} is not an ISRC. */
    static Optional<String> canonical(String text) {
        if (text == null || text.length() > 20) {
            return Optional.empty();
        }
        Matcher matcher = LOOSE.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1) + "-" + matcher.group(2) + "-" + matcher.group(3) + "-" + matcher.group(4));
    }
}
