package io.cadenza.api.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** Routes that fail in each way the API can, for {@link ProblemResponsesTest} only. */
@Controller("/test-problems")
@io.micronaut.security.annotation.Secured(io.micronaut.security.rules.SecurityRule.IS_ANONYMOUS)
@Requires(property = "cadenza.test.problem-routes", value = "true")
class ProblemTestController {
    @Serdeable
    record SignUp(@NotBlank @Email String email, @Min(12) int passwordLength) {}

    @Post("/sign-up")
    String signUp(@Valid @Body SignUp request) {
        return "ok";
    }

    @Get("/conflict")
    String conflict() {
        throw new ProblemException(ProblemType.CONFLICT, "master 7 is already registered");
    }

    @Get("/crash")
    String crash() {
        throw new IllegalStateException("password=hunter2 at jdbc:postgresql://db/secret");
    }
}
