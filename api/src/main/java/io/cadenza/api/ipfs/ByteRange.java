package io.cadenza.api.ipfs;

import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a file of known size (RFC 9110 §14), as audio players ask for when they seek: {@code first} to
 * {@code last}, both included.
 */
public record ByteRange(long first, long last, long size) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    /**
     * The range a {@code Range} header asks of {@code size} bytes. Empty when there is none to honour: no header,
     * one that is not a single byte range (several ranges, other units, bad syntax: the whole file is answered, as
     * RFC 9110 allows). Refused when it lies wholly past the end.
     */
    public static Optional<ByteRange> of(@Nullable String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher range = SINGLE.matcher(header.strip());
        if (!range.matches() || range.group(1).isEmpty() && range.group(2).isEmpty()) {
            return Optional.empty();
        }
        try {
            return of(range.group(1), range.group(2), size);
        } catch (NumberFormatException beyondLong) {
            return Optional.empty();
        }
    }

    private static Optional<ByteRange> of(String firstText, String lastText, long size) {
        if (firstText.isEmpty()) { // a suffix: the last n bytes
            long suffix = Long.parseLong(lastText);
            if (suffix == 0 || size == 0) {
                throw unsatisfiable(size);
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1, size));
        }
        long first = Long.parseLong(firstText);
        long last = lastText.isEmpty() ? size - 1 : Long.parseLong(lastText);
        if (first >= size) {
            throw unsatisfiable(size);
        }
        if (last < first) {
            return Optional.empty(); // invalid: ignored
        }
        return Optional.of(new ByteRange(first, Math.min(last, size - 1), size));
    }

    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} header of a 206 answer. */
    public String contentRange() {
        return "bytes " + first + "-" + last + "/" + size;
    }

    private static ProblemException unsatisfiable(long size) {
        return new ProblemException(ProblemType.RANGE_NOT_SATISFIABLE, "The file has " + size + " bytes.")
                .contentRange("bytes */" + size);
    }
}
