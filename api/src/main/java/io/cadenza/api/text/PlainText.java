package io.cadenza.api.text;

import java.text.Normalizer;
import java.util.Optional;

/**
 * What text from callers may hold: Unicode text, without control characters (NUL included: PostgreSQL cannot store
 * it, and terminals and logs obey the others), without the bidirectional controls that make text read otherwise than
 * it is stored (a title that turns "3pm.exe" around), without lone surrogates or noncharacters.
 */
public final class PlainText {
    private PlainText() {}

    /** Why {@code text} is refused, as a field error's message; empty when it is plain text. */
    public static Optional<String> refusal(CharSequence text) {
        for (int index = 0; index < text.length(); ) {
            int codePoint = Character.codePointAt(text, index);
            index += Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            if (type == Character.CONTROL) {
                return Optional.of("must not contain control characters");
            }
            if (isBidiControl(codePoint)) {
                return Optional.of("must not contain bidirectional control characters");
            }
            if (type == Character.SURROGATE || type == Character.UNASSIGNED && isNoncharacter(codePoint)) {
                return Optional.of("must be valid Unicode text");
            }
        }
        return Optional.empty();
    }

    /** The text as stored: composed (NFC), so that one spelling is one string, and stripped. */
    public static String normalized(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).strip();
    }

    /** Explicit directional marks, embeddings, overrides and isolates (Unicode's Bidi_Control property). */
    private static boolean isBidiControl(int codePoint) {
        return codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
