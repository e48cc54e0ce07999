package io.cadenza.api.royalties;

import io.cadenza.api.problem.Problem;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemExceptionHandler;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.jobs.distributions.DistributionException;
import io.cadenza.jobs.statements.StatementException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The money side's refusals, answered as problems of their kind (a statement's faults as field errors). */
final class MoneyProblems {
    private MoneyProblems() {}

    static ProblemException of(StatementException refused) {
        return switch (refused.kind()) {
            case INVALID -> new ProblemException(ProblemType.VALIDATION, refused.getMessage(), refused.faults()
                    .stream().map(fault -> new Problem.FieldError(fault.where(), fault.message())).toList());
            case NOT_FOUND -> new ProblemException(ProblemType.NOT_FOUND, refused.getMessage());
            case CONFLICT -> new ProblemException(ProblemType.CONFLICT, refused.getMessage());
            case SAME_ADMIN -> new ProblemException(ProblemType.FOUR_EYES, refused.getMessage());
        };
    }

    static ProblemException of(DistributionException refused) {
        return switch (refused.kind()) {
            case NOT_FOUND -> new ProblemException(ProblemType.NOT_FOUND, refused.getMessage());
            case CONFLICT -> new ProblemException(ProblemType.CONFLICT, refused.getMessage());
        };
    }

    /** Answers a refusal of type {@code E} as the problem {@link #of} makes of it. */
    abstract static class Refusals<E extends RuntimeException> implements ExceptionHandler<E, HttpResponse<?>> {
        private final ProblemExceptionHandler problems;

        Refusals(ProblemExceptionHandler problems) {
            this.problems = problems;
        }

        abstract ProblemException problemOf(E refused);

        @Override
        public HttpResponse<?> handle(HttpRequest request, E refused) {
            return problems.handle(request, problemOf(refused));
        }
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    static class StatementRefusals extends Refusals<StatementException> {
        StatementRefusals(ProblemExceptionHandler problems) {
            super(problems);
        }

        @Override
        ProblemException problemOf(StatementException refused) {
            return of(refused);
        }
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    static class DistributionRefusals extends Refusals<DistributionException> {
        DistributionRefusals(ProblemExceptionHandler problems) {
            super(problems);
        }

        @Override
        ProblemException problemOf(DistributionException refused) {
            return of(refused);
        }
    }
}
