package io.cadenza.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Answers a {@link ProblemException} with its type's status and a problem body. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> errors;

    public ProblemExceptionHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ProblemException exception) {
        MutableHttpResponse<?> response = HttpResponse.status(exception.type().status());
        if (exception.retryAfter() != null) {
            // Whole seconds, rounded up: a client that waits what it is told must not come back too early.
            long seconds = (exception.retryAfter().toMillis() + 999) / 1000;
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds)));
        }
        if (exception.contentRange() != null) {
            response.header(HttpHeaders.CONTENT_RANGE, exception.contentRange());
        }
        if (exception.closesConnection()) {
            response.header(HttpHeaders.CONNECTION, "close");
        }
        return errors.processResponse(ErrorContext.builder(request).cause(exception)
                .errorMessage(exception.getMessage()).build(), response);
    }
}
