package io.cadenza.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Every error body the framework writes (no route, wrong method, unreadable or invalid request, unhandled exception)
 * as a {@link Problem}. Details come only from our own {@link ProblemException}s and validation messages: an
 * unexpected exception's message or stack never reaches the client.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        String instance = context.getRequest().getPath();
        Optional<Throwable> cause = context.getRootCause();
        if (cause.isPresent() && cause.get() instanceof ProblemException problem) {
            ProblemType type = problem.type();
            return new Problem(type.uri(), type.title(), type.status().getCode(), problem.getMessage(), instance,
                    problem.fieldErrors().isEmpty() ? null : problem.fieldErrors());
        }
        if (cause.isPresent() && cause.get() instanceof ConstraintViolationException violations) {
            List<Problem.FieldError> fields = violations.getConstraintViolations().stream()
                    .map(ProblemBodyProvider::fieldError)
                    .sorted(java.util.Comparator.comparing(Problem.FieldError::field)).toList();
            return new Problem(ProblemType.VALIDATION.uri(), ProblemType.VALIDATION.title(),
                    ProblemType.VALIDATION.status().getCode(), "See the errors for each field.", instance, fields);
        }
        ProblemType type = ProblemType.forStatus(response.code());
        // The framework's own 4xx messages name the route or the unreadable part of the request; a 5xx says nothing.
        String detail = type == ProblemType.INTERNAL ? null : firstMessage(context);
        return new Problem(type.uri(), type.title(), response.code(), detail, instance, null);
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }

    /** The field's path inside the request body (or the parameter's name): not the Java method and argument. */
    private static Problem.FieldError fieldError(ConstraintViolation<?> violation) {
        StringJoiner field = new StringJoiner(".");
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE -> { }
                case PARAMETER -> parameter = node.getName();
                default -> field.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
            }
        }
        String path = field.length() > 0 ? field.toString() : parameter;
        return new Problem.FieldError(path == null ? "" : path, violation.getMessage());
    }

    private static String firstMessage(ErrorContext context) {
        return context.getErrors().isEmpty() ? null : context.getErrors().getFirst().getMessage();
    }
}
