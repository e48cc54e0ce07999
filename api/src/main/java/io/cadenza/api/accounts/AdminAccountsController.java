package io.cadenza.api.accounts;

import io.cadenza.api.audit.AuditTrail;
import io.cadenza.chain.audit.AuditRecord;

import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Status;
import java.util.UUID;
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

/** Admins create accounts of any role, other admins included, and lift login lockouts. */
@Controller("/v1/admin/accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
public class AdminAccountsController {
    private final AccountRegistration registration;
    private final IdempotentRequests idempotency;
    private final AccountStore accounts;
    private final LoginThrottle throttle;
    private final AuditTrail audit;

    public AdminAccountsController(AccountRegistration registration, IdempotentRequests idempotency,
            AccountStore accounts, LoginThrottle throttle, AuditTrail audit) {
        this.audit = audit;
        this.registration = registration;
        this.idempotency = idempotency;
        this.accounts = accounts;
        this.throttle = throttle;
    }

    /**
     * Ends every lockout of the account's email at once, and its slow lane: the way back for an owner (another admin
     * included) locked out on their own device, without waiting for the lockout to run out.
     */
    @Delete("/{id}/login-lockout")
    @Status(HttpStatus.NO_CONTENT)
    public void unlock(@PathVariable UUID id, Authentication authentication) {
        Account account = accounts.findById(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No account " + id + "."));
        // Audited first: Redis is outside the transaction, and a lockout cleared without its entry must not happen.
        audit.append(AuditRecord.of(Caller.of(authentication).accountId(), "account.login-lockout.clear",
                "account:" + id));
        throttle.clear(account.email());
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
