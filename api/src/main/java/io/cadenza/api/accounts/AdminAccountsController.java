package io.cadenza.api.accounts;

import io.cadenza.api.twofactor.StepUp;
import jakarta.validation.constraints.NotNull;
import io.micronaut.serde.annotation.Serdeable;
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
    private final Sessions sessions;

    public AdminAccountsController(AccountRegistration registration, IdempotentRequests idempotency,
            AccountStore accounts, LoginThrottle throttle, AuditTrail audit, Sessions sessions) {
        this.sessions = sessions;
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

    /** Creates an account with a role (an admin among them): granting a role asks for a fresh code. */
    @Serdeable
    public record RoleChange(@NotNull Role role) {}

    /**
     * Changes an account's role. Every login of the account ends (its tokens carry the old role). An admin cannot
     * change their own: another admin must, so that no admin is demoted, or made, alone.
     */
    @Post("/{id}/role")
    @StepUp
    public AccountView changeRole(@PathVariable UUID id, @Body @Valid RoleChange change,
            Authentication authentication) {
        UUID admin = Caller.of(authentication).accountId();
        if (admin.equals(id)) {
            throw new ProblemException(ProblemType.FOUR_EYES, "Another admin must change your role.");
        }
        Account account = accounts.findById(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No account " + id + "."));
        Account changed = audit.recording(() -> {
            accounts.setRole(id, change.role().name());
            return accounts.findById(id).orElseThrow();
        }, after -> new AuditRecord(AuditRecord.account(admin), "account.role.change", "account:" + id,
                AuditRecord.state("role", account.role()), AuditRecord.state("role", after.role())));
        sessions.logoutEverywhere(changed);
        return AccountView.of(changed);
    }

    @Post
    @StepUp
    public MutableHttpResponse<?> create(@Body @Valid NewAccount request,
            @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey, Authentication authentication) {
        Caller admin = Caller.of(authentication);
        return idempotency.run(admin.accountId() + ":POST /v1/admin/accounts", idempotencyKey,
                idempotency.fingerprint(request.fingerprint()),
                () -> HttpResponse.created(AccountView.of(registration.register(request, admin.accountId()))));
    }
}
