package io.cadenza.api.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;

/**
 * Outgoing mail. When {@code smtpHost} is absent the dev stack starts a GreenMail server (dev services); the
 * deployable refuses to start without one.
 *
 * @param smtpHost the SMTP server
 * @param smtpPort its port (587 with STARTTLS is the usual submission port)
 * @param smtpUsername the login, when the server wants one
 * @param smtpPassword its password; never logged
 * @param startTls whether to require STARTTLS (on by default: credentials and tokens do not cross the wire in clear)
 * @param from the sender, e.g. {@code Cadenza <no-reply@example.com>}
 * @param webOrigin the web application's origin: links in mail point at its pages
 * @param verificationLifetime how long an email verification link works
 * @param passwordResetLifetime how long a password reset link works
 * @param magicLinkLifetime how long a sign-in link works
 * @param perAddressPerHour account mail (resets, sign-in links, verifications) sent to one address in an hour at most;
 *     more requests are answered alike and send nothing
 */
@ConfigurationProperties("cadenza.mail")
public record MailConfiguration(
        @Nullable String smtpHost,
        @Bindable(defaultValue = "587") @Min(1) @Max(65535) int smtpPort,
        @Nullable String smtpUsername,
        @Nullable String smtpPassword,
        @Bindable(defaultValue = "true") boolean startTls,
        @Bindable(defaultValue = "Cadenza <no-reply@localhost>") @NotBlank String from,
        @Bindable(defaultValue = "http://localhost:3000") @NotNull URI webOrigin,
        @Bindable(defaultValue = "24h") @NotNull Duration verificationLifetime,
        @Bindable(defaultValue = "30m") @NotNull Duration passwordResetLifetime,
        @Bindable(defaultValue = "15m") @NotNull Duration magicLinkLifetime,
        @Bindable(defaultValue = "5") @Min(1) @Max(1000) int perAddressPerHour) {

    @Override
    public String toString() {
        return "MailConfiguration[smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", smtpUsername=" + smtpUsername
                + ", startTls=" + startTls + ", from=" + from + ", webOrigin=" + webOrigin + "]";
    }
}
