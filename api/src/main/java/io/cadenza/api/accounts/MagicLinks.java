package io.cadenza.api.accounts;

import io.cadenza.api.mail.MailDelivery;
import io.cadenza.chain.audit.AuditLog;
import io.cadenza.chain.audit.AuditRecord;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/**
 * Sign-in by emailed link, for accounts that turn it on: the same token mechanics as a password reset (hashed,
 * single-use, short-lived); the sign-in itself is {@link Sessions#loginWithLink}. Asking answers alike for every
 * address.
 */
@Singleton
public class MagicLinks {
    private final AccountStore accounts;
    private final AccountLinks links;
    private final MailDelivery mail;
    private final AuditLog audit;

    public MagicLinks(AccountStore accounts, AccountLinks links, MailDelivery mail, AuditLog audit) {
        this.accounts = accounts;
        this.links = links;
        this.mail = mail;
        this.audit = audit;
    }

    public void request(String email) {
        mail.later("sign-in link", () -> accounts.findByEmail(email).filter(Account::magicLinkEnabled)
                .map(account -> links.issue(account, EmailToken.Purpose.MAGIC_LINK)).orElse(null));
    }

    @Transactional
    public Account setEnabled(Account account, boolean enabled) {
        accounts.setMagicLinkEnabled(account.id(), enabled);
        audit.append(AuditRecord.of(account.id(), "account.magic-link", "account:" + account.id())
                .withBefore(AuditRecord.state("enabled", account.magicLinkEnabled()))
                .withAfter(AuditRecord.state("enabled", enabled)));
        return accounts.findById(account.id()).orElseThrow();
    }
}
