package io.cadenza.api.accounts;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;

/** Admins create accounts of any role, other admins included. */
@Controller("/v1/admin/accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
public class AdminAccountsController {
    private final AccountRegistration registration;

    public AdminAccountsController(AccountRegistration registration) {
        this.registration = registration;
    }

    @Post
    public HttpResponse<AccountView> create(@Body @Valid NewAccount request, Authentication authentication) {
        return HttpResponse.created(AccountView.of(registration.register(request,
                Caller.of(authentication).accountId())));
    }
}
