package io.cadenza.api.multipart;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.MultipartInput;

/**
 * Reads a {@code multipart/form-data} body part by part as it arrives: a text field is handed over as a bounded
 * string, a file as a stream the handler consumes while the client is still sending. Nothing is buffered whole.
 */
public final class MultipartReader {
    public static final int PARTS_MAX = 16;
    public static final int FIELD_BYTES_MAX = 8 * 1024;
    public static final int PART_HEADER_BYTES_MAX = 4 * 1024;

    private static final Pattern BOUNDARY = Pattern.compile(
            "(?i)multipart/form-data\\s*;(?:.*;)?\\s*boundary=(?:\"([^\"]{1,70})\"|([^\\s;\"]{1,70}))");
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");

    /** What to do with each part. */
    public interface PartHandler {
        void field(String name, String value);

        /** Consumes a file part; what it leaves unread is skipped. */
        void file(String name, @Nullable String filename, @Nullable String declaredType, InputStream content)
                throws IOException;
    }

    /** The body is not well-formed multipart, or breaks a bound; the message is safe to show the client. */
    public static final class MalformedMultipartException extends RuntimeException {
        public MalformedMultipartException(String message) {
            super(message);
        }
    }

    /** The boundary of a multipart/form-data content type, if it is one. */
    public static Optional<String> boundary(@Nullable String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        Matcher matcher = BOUNDARY.matcher(contentType);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }

    public static void read(InputStream body, String boundary, PartHandler handler) throws IOException {
        MultipartInput input = MultipartInput.builder().setInputStream(body)
                .setBoundary(boundary.getBytes(StandardCharsets.US_ASCII))
                .setMaxPartHeaderSize(PART_HEADER_BYTES_MAX).get();
        input.setHeaderCharset(StandardCharsets.UTF_8);
        try {
            boolean more = input.skipPreamble();
            int parts = 0;
            while (more) {
                if (++parts > PARTS_MAX) {
                    throw new MalformedMultipartException("more than " + PARTS_MAX + " parts");
                }
                String headers = input.readHeaders();
                String disposition = header(headers, "content-disposition");
                if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
                    throw new MalformedMultipartException("a part without Content-Disposition: form-data");
                }
                String name = match(NAME, disposition);
                if (name == null || name.isEmpty()) {
                    throw new MalformedMultipartException("a part without a name");
                }
                String filename = match(FILENAME, disposition);
                try (InputStream content = input.newInputStream()) {
                    if (filename == null) {
                        byte[] value = content.readNBytes(FIELD_BYTES_MAX + 1);
                        if (value.length > FIELD_BYTES_MAX) {
                            throw new MalformedMultipartException("field " + name + " is longer than "
                                    + FIELD_BYTES_MAX + " bytes");
                        }
                        handler.field(name, new String(value, StandardCharsets.UTF_8));
                    } else {
                        handler.file(name, filename, header(headers, "content-type"), content);
                    }
                }
                more = input.readBoundary();
            }
        } catch (FileUploadException e) {
            throw new MalformedMultipartException("the multipart body is malformed or truncated");
        }
    }

    private static @Nullable String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static @Nullable String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
