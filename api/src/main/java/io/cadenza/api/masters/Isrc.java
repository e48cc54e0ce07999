package io.cadenza.api.masters;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;

/**
 * An International Standard Recording Code, CC-XXX-YY-NNNNN: country (2 letters), registrant (3 letters or digits),
 * year (2 digits), designation (5 digits). Typed with or without hyphens, in any case; shown hyphenated in capitals.
 * On chain it is the keccak256 of the 12 compact characters.
 */
public record Isrc(String country, String registrant, String year, String designation) {
    private static final Pattern FORMAT = Pattern.compile(
            "([A-Z]{2})-?([A-Z0-9]{3})-?([0-9]{2})-?([0-9]{5})");

    public static Optional<Isrc> parse(String text) {
        if (text == null || text.length() > 15) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Isrc(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4)));
    }

    public String compact() {
        return country + registrant + year + designation;
    }

    /** The hash {@code MasterRegistry} keys masters by, 32 bytes. */
    public byte[] hash() {
        return Hash.sha3(compact().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return country + "-" + registrant + "-" + year + "-" + designation;
    }
}
