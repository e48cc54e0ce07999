package io.cadenza.api.masters;

import io.cadenza.api.text.PlainText;
import java.util.Optional;
import io.cadenza.api.problem.Problem;
import io.cadenza.api.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text fields of a master upload, checked together so that every fault is reported at once.
 *
 * @param royaltyShareBps the share of the master's royalties its offerings' shares carry, in basis points
 * @param wallet the linked wallet to register the master to, lower-case; null to use the artist's only wallet
 */
public record MasterForm(String title, String artistName, Isrc isrc, LocalDate releaseDate, int royaltyShareBps,
        @Nullable String wallet) {

    public static final int TEXT_LENGTH_MAX = 200;
    private static final LocalDate RELEASE_DATE_MIN = LocalDate.of(1877, 1, 1); // the phonograph
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    static MasterForm validate(Map<String, String> fields, @Nullable StoredFile audio, LocalDate today) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String title = text(fields, "title", errors);
        String artistName = text(fields, "artistName", errors);
        Isrc isrc = null;
        String isrcText = fields.get("isrc");
        if (isrcText == null || isrcText.isBlank()) {
            errors.add(new Problem.FieldError("isrc", "must not be blank"));
        } else {
            isrc = Isrc.parse(isrcText).orElse(null);
            if (isrc == null) {
                errors.add(new Problem.FieldError("isrc", "must be an ISRC: CC-XXX-YY-NNNNN"));
            }
        }
        LocalDate releaseDate = null;
        String dateText = fields.get("releaseDate");
        try {
            releaseDate = dateText == null ? null : LocalDate.parse(dateText.strip());
            if (releaseDate == null) {
                errors.add(new Problem.FieldError("releaseDate", "must not be blank"));
            } else if (releaseDate.isBefore(RELEASE_DATE_MIN) || releaseDate.isAfter(today.plusYears(1))) {
                errors.add(new Problem.FieldError("releaseDate", "must be between " + RELEASE_DATE_MIN
                        + " and a year from today"));
            }
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError("releaseDate", "must be a date: YYYY-MM-DD"));
        }
        int royaltyShareBps = 0;
        String shareText = fields.get("royaltySharePercent");
        try {
            BigDecimal percent = shareText == null ? null : new BigDecimal(shareText.strip());
            if (percent == null) {
                errors.add(new Problem.FieldError("royaltySharePercent", "must not be blank"));
            } else if (percent.scale() > 2 || percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                errors.add(new Problem.FieldError("royaltySharePercent",
                        "must be more than 0 and at most 100, with at most 2 decimals"));
            } else {
                royaltyShareBps = percent.movePointRight(2).intValueExact();
            }
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError("royaltySharePercent", "must be a number"));
        }
        String wallet = fields.get("wallet");
        if (wallet != null && !ADDRESS.matcher(wallet.strip()).matches()) {
            errors.add(new Problem.FieldError("wallet", "must be a 20-byte hex address starting with 0x"));
        }
        if (audio == null) {
            errors.add(new Problem.FieldError(MasterUpload.AUDIO, "must be sent"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(io.cadenza.api.problem.ProblemType.VALIDATION, "See the errors for each field.",
                    errors.stream().sorted(java.util.Comparator.comparing(Problem.FieldError::field)).toList());
        }
        return new MasterForm(title, artistName, isrc, releaseDate, royaltyShareBps,
                wallet == null ? null : wallet.strip().toLowerCase(java.util.Locale.ROOT));
    }

    private static String text(Map<String, String> fields, String name, List<Problem.FieldError> errors) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(name, "must not be blank"));
            return null;
        }
        // It reaches the NFT's metadata as it is: plain Unicode text, one spelling of it (NFC).
        Optional<String> refusal = PlainText.refusal(value);
        if (refusal.isPresent()) {
            errors.add(new Problem.FieldError(name, refusal.get()));
            return null;
        }
        String normalized = PlainText.normalized(value);
        if (normalized.codePointCount(0, normalized.length()) > TEXT_LENGTH_MAX) {
            errors.add(new Problem.FieldError(name, "must be at most " + TEXT_LENGTH_MAX + " characters"));
        }
        return normalized;
    }
}
