package io.cadenza.api.accounts;

import io.cadenza.api.mail.MailDelivery;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.chain.audit.AuditLog;
import io.cadenza.chain.audit.AuditRecord;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Proving an account reads its email: a link mailed at sign-up (and again on request), spent once. Until then the
 * account can sign in, but not upload, buy by card or be paid ({@link #requireVerified}).
 */
@Singleton
public class EmailVerifications {
    private final AccountStore accounts;
    private final AccountLinks links;
    private final EmailTokens tokens;
    private final MailDelivery mail;
    private final AuditLog audit;
    private final Clock clock;

    public EmailVerifications(AccountStore accounts, AccountLinks links, EmailTokens tokens, MailDelivery mail,
            AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.links = links;
        this.tokens = tokens;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    /** After the account's creation committed: its link goes out. */
    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onCreated(AccountCreated created) {
        send(created.accountId());
    }

    /** Mails a new verification link, unless the account is verified already. */
    public void send(UUID accountId) {
        mail.later("email verification", () -> accounts.findById(accountId).filter(account -> !account.emailVerified())
                .map(account -> links.issue(account, EmailToken.Purpose.EMAIL_VERIFICATION)).orElse(null));
    }

    /** Spends the link: the address it was sent to is verified, if the account still holds it. */
    @Transactional
    public Account confirm(String token) {
        EmailToken spent = tokens.spend(token, EmailToken.Purpose.EMAIL_VERIFICATION);
        if (accounts.markEmailVerified(spent.accountId(), Account.emailKey(spent.email()),
                clock.instant().truncatedTo(ChronoUnit.MICROS)) != 1) {
            throw new ProblemException(ProblemType.INVALID_LINK, "The link was for an address the account no longer"
                    + " has.");
        }
        tokens.spendAll(spent.accountId(), EmailToken.Purpose.EMAIL_VERIFICATION);
        audit.append(AuditRecord.of(spent.accountId(), "account.email.verify", "account:" + spent.accountId())
                .withAfter(AuditRecord.state("email", spent.email(), "verified", true)));
        return accounts.findById(spent.accountId()).orElseThrow();
    }

    /** Refuses what only a verified account may do. */
    public void requireVerified(UUID accountId, String action) {
        if (accounts.findById(accountId).filter(Account::emailVerified).isEmpty()) {
            throw new ProblemException(ProblemType.EMAIL_NOT_VERIFIED, "Verify your email before you " + action
                    + ": open the link we mailed you (POST /v1/me/email-verification sends a new one).");
        }
    }
}
