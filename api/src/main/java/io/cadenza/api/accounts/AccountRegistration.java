package io.cadenza.api.accounts;

import io.cadenza.chain.audit.AuditLog;
import io.cadenza.chain.audit.AuditRecord;

import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Creates accounts: checks the password rules, hashes the password, stores the account. */
@Singleton
public class AccountRegistration {
    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final ArtistVerification verification;
    private final AuditLog audit;
    private final io.micronaut.context.event.ApplicationEventPublisher<AccountCreated> created;

    public AccountRegistration(AccountStore accounts, PasswordHasher hasher, Clock clock,
            ArtistVerification verification, AuditLog audit,
            io.micronaut.context.event.ApplicationEventPublisher<AccountCreated> created) {
        this.created = created;
        this.audit = audit;
        this.verification = verification;
        this.accounts = accounts;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * @param createdBy the admin creating it, or null for a sign-up (which may not create an admin)
     */
    @io.micronaut.transaction.annotation.Transactional
    public Account register(NewAccount request, @Nullable UUID createdBy) {
        if (request.role() == Role.ADMIN && createdBy == null) {
            throw ProblemException.invalidField("role", "must be ARTIST or INVESTOR");
        }
        Account account = store(request, createdBy, false);
        audit.append(new AuditRecord(AuditRecord.account(createdBy == null ? account.id() : createdBy),
                "account.create", "account:" + account.id(), null,
                AuditRecord.state("email", account.email(), "role", account.role(), "signUp", createdBy == null)));
        created.publishEvent(new AccountCreated(account.id()));
        if (account.role() == Role.ARTIST && createdBy != null) {
            // An admin who creates an artist vouches for them: their masters need no second review.
            verification.decide(account.id(), true, "created by an admin", createdBy);
        }
        return account;
    }

    /** The admin named by configuration, created at start-up. */
    @io.micronaut.transaction.annotation.Transactional
    public Account registerConfiguredAdmin(String email, String password) {
        // The operator named this address in configuration: it needs no link to prove it.
        Account admin = store(new NewAccount(email, password, Role.ADMIN), null, true);
        audit.append(new AuditRecord(AuditRecord.PLATFORM, "account.create", "account:" + admin.id(), null,
                AuditRecord.state("email", admin.email(), "role", admin.role(), "configured", true)));
        return admin;
    }

    private Account store(NewAccount request, @Nullable UUID createdBy, boolean verified) {
        String email = EmailAddress.normalized(request.email());
        EmailAddress.refusal(email).ifPresent(refusal -> {
            throw ProblemException.invalidField("email", refusal);
        });
        PasswordPolicy.violation(request.password(), email).ifPresent(violation -> {
            throw ProblemException.invalidField("password", violation);
        });
        java.time.Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Account account = new Account(UUID.randomUUID(), email, hasher.hash(request.password()),
                request.role(), now, createdBy, verified ? now : null, false);
        try {
            accounts.create(account);
        } catch (AccountStore.EmailTakenException e) {
            throw new ProblemException(ProblemType.EMAIL_TAKEN, "An account with this email exists.");
        } catch (AccountStore.EmailLookalikeException e) {
            throw ProblemException.invalidField("email", "looks like another account's email (letters from"
                    + " another script that read the same); use the email as your provider spells it");
        }
        return account;
    }
}
