package io.cadenza.api.mail;

import io.micronaut.core.annotation.Nullable;
import java.util.Objects;

/** Where mail is submitted: from configuration, or the dev stack's GreenMail. */
public record SmtpServer(String host, int port, @Nullable String username, @Nullable String password,
        boolean startTls) {
    public SmtpServer {
        Objects.requireNonNull(host, "host");
    }

    @Override
    public String toString() {
        return "SmtpServer[" + host + ":" + port + (username == null ? "" : ", user " + username) + "]";
    }
}
