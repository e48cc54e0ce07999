package io.cadenza.api.accounts;

import io.cadenza.api.idempotency.IdempotentRequests;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Header;
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
    private final IdempotentRequests idempotency;

    public AdminAccountsController(AccountRegistration registration, IdempotentRequests idempotency) {
        this.registration = registration;
        this.idempotency = idempotency;
    }

    @Post
    public MutableHttpResponse<?> create(@Body @Valid NewAccount request,
            @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey, Authentication authentication) {
        Caller admin = Caller.of(authentication);
        return idempotency.run(admin.accountId() + ":POST /v1/admin/accounts", idempotencyKey,
                idempotency.fingerprint(request.fingerprint()),
                () -> HttpResponse.created(AccountView.of(registration.register(request, admin.accountId()))));
    }
}
