package io.cadenza.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error the API answers ({@code application/problem+json}).
 *
 * @param errors the fields at fault, for validation problems
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, @Nullable String detail, @Nullable String instance,
        @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field at fault: a JSON-pointer-like path into the request, and what is wrong with it. */
    @Serdeable
    public record FieldError(String field, String message) {}

    public static Problem of(ProblemType type, @Nullable String detail, @Nullable String instance) {
        return new Problem(type.uri(), type.title(), type.status().getCode(), detail, instance, null);
    }
}
