package io.cadenza.api.accounts;

import io.cadenza.api.mail.MailDelivery;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.chain.audit.AuditLog;
import io.cadenza.chain.audit.AuditRecord;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Forgotten passwords: a link by mail, spent once within {@code cadenza.mail.password-reset-lifetime}; the new password
 * ends every login of the account. Asking answers the same, in the same time, whether the account exists or not:
 * the lookup happens after the answer.
 */
@Singleton
public class PasswordResets {
    private final AccountStore accounts;
    private final AccountLinks links;
    private final EmailTokens tokens;
    private final MailDelivery mail;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;

    public PasswordResets(AccountStore accounts, AccountLinks links, EmailTokens tokens, MailDelivery mail,
            PasswordHasher hasher, Sessions sessions, LoginThrottle throttle, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.links = links;
        this.tokens = tokens;
        this.mail = mail;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    public void request(String email) {
        mail.later("password reset", () -> accounts.findByEmail(email)
                .map(account -> links.issue(account, EmailToken.Purpose.PASSWORD_RESET)).orElse(null));
    }

    /**
     * Sets the new password with the link's token. A password the rules refuse leaves the link unspent (the
     * transaction rolls back). The other reset links die, and so does every login of the account; the link also
     * proves the mailbox, so the email counts as verified.
     */
    @Transactional
    public void complete(String token, String password) {
        EmailToken spent = tokens.spend(token, EmailToken.Purpose.PASSWORD_RESET);
        Account account = accounts.findById(spent.accountId()).orElseThrow();
        PasswordPolicy.violation(password, account.email()).ifPresent(violation -> {
            throw ProblemException.invalidField("password", violation);
        });
        accounts.updatePasswordHash(account.id(), hasher.hash(password));
        tokens.spendAll(account.id(), EmailToken.Purpose.PASSWORD_RESET);
        accounts.markEmailVerified(account.id(), Account.emailKey(spent.email()),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        audit.append(AuditRecord.of(account.id(), "account.password.reset", "account:" + account.id())
                .withAfter(AuditRecord.state("sessionsEnded", true)));
        sessions.logoutEverywhere(account);
        throttle.clear(account.email());
    }
}
