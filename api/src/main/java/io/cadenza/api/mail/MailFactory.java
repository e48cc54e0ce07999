package io.cadenza.api.mail;

import io.cadenza.chain.config.MissingUrl;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.util.Properties;

/** Micronaut Email's JavaMail session, on the configured SMTP server (or the dev stack's). */
@Factory
public class MailFactory {
    /** Mail is sent off the request path, but a hung server must not hold a sender thread for good. */
    private static final String TIMEOUT_MILLIS = "20000";

    @Singleton
    @Requires(property = "cadenza.mail.smtp-host")
    SmtpServer configuredSmtp(MailConfiguration configuration) {
        return new SmtpServer(configuration.smtpHost(), configuration.smtpPort(), configuration.smtpUsername(),
                configuration.smtpPassword(), configuration.startTls());
    }

    /** Without an SMTP host the deployable cannot start: the dev stack adds GreenMail, whose server is primary. */
    @Singleton
    @Requires(missingProperty = "cadenza.mail.smtp-host")
    SmtpServer missingSmtp() {
        throw MissingUrl.of("cadenza.mail.smtp-host", "CADENZA_MAIL_SMTP_HOST", "mail server");
    }

    /** Made at start-up, so that a missing SMTP server fails the start rather than the first sign-up. */
    @Context
    @Primary
    SessionProvider mailSession(SmtpServer server) {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", server.host());
        properties.put("mail.smtp.port", Integer.toString(server.port()));
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        if (server.startTls()) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        Authenticator authenticator = null;
        if (server.username() != null) {
            properties.put("mail.smtp.auth", "true");
            PasswordAuthentication credentials = new PasswordAuthentication(server.username(),
                    server.password() == null ? "" : server.password());
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return credentials;
                }
            };
        }
        Session session = Session.getInstance(properties, authenticator);
        return () -> session;
    }
}
