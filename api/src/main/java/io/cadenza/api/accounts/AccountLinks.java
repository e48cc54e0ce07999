package io.cadenza.api.accounts;

import io.cadenza.api.mail.MailConfiguration;
import io.cadenza.api.mail.MailDelivery;
import io.cadenza.api.mail.MailTemplate;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The one-time links mailed to accounts: a token issued for the purpose and a message from its template, the link
 * pointing at the web application's page for it ({@code cadenza.mail.web-origin}).
 */
@Singleton
public class AccountLinks {
    private final EmailTokens tokens;
    private final MailConfiguration configuration;
    private final Map<EmailToken.Purpose, MailTemplate> templates = Map.of(
            EmailToken.Purpose.EMAIL_VERIFICATION, MailTemplate.load("email-verification"),
            EmailToken.Purpose.PASSWORD_RESET, MailTemplate.load("password-reset"),
            EmailToken.Purpose.MAGIC_LINK, MailTemplate.load("magic-link"));
    private final Map<EmailToken.Purpose, String> pages = Map.of(
            EmailToken.Purpose.EMAIL_VERIFICATION, "/verify-email",
            EmailToken.Purpose.PASSWORD_RESET, "/reset-password",
            EmailToken.Purpose.MAGIC_LINK, "/sign-in/link");

    public AccountLinks(EmailTokens tokens, MailConfiguration configuration) {
        this.tokens = tokens;
        this.configuration = configuration;
    }

    /** Issues a token for the account and makes its message (the token is in the message only). */
    public MailDelivery.Addressed issue(Account account, EmailToken.Purpose purpose) {
        Duration lifetime = lifetime(purpose);
        String token = tokens.issue(account.id(), account.email(), purpose, lifetime);
        String link = URI.create(configuration.webOrigin().toString().replaceAll("/+$", "") + pages.get(purpose)
                + "?token=" + token).toString();
        MailTemplate.Message message = templates.get(purpose).render(Map.of("email", account.email(), "link", link,
                "minutes", Long.toString(lifetime.toMinutes()), "hours", Long.toString(lifetime.toHours())));
        return new MailDelivery.Addressed(account.id(), account.email(), Account.emailKey(account.email()), message);
    }

    private Duration lifetime(EmailToken.Purpose purpose) {
        return switch (purpose) {
            case EMAIL_VERIFICATION -> configuration.verificationLifetime();
            case PASSWORD_RESET -> configuration.passwordResetLifetime();
            case MAGIC_LINK -> configuration.magicLinkLifetime();
        };
    }
}
