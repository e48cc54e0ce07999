package io.cadenza.api.masters;

import io.cadenza.api.problem.Problem;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import java.util.List;

/** A file part refused while it streams in: too large, or not a type the part accepts. */
final class UploadRejectedException {
    private UploadRejectedException() {}

    static ProblemException tooLarge(String part, long bytesMax) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The " + part + " file exceeds " + bytesMax
                + " bytes.", List.of(new Problem.FieldError(part, "must be at most " + bytesMax + " bytes"))).closingConnection();
    }

    static ProblemException unsupported(String part, String expected) {
        return new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The " + part + " file is not " + expected
                + " (recognised by its content, not its name or declared type).",
                List.of(new Problem.FieldError(part, "must be " + expected))).closingConnection();
    }
}
