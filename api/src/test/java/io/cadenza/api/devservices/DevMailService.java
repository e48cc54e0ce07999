package io.cadenza.api.devservices;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.cadenza.api.mail.SmtpServer;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GreenMail server (SMTP, and IMAP to read what was sent), started when cadenza.mail.smtp-host is absent. Mail is
 * kept in memory, as temporary as the dev stack's database. Read it with any mail client over IMAP: the user and the
 * password are both the recipient's address.
 */
@Singleton
@Requires(missingProperty = "cadenza.mail.smtp-host")
public class DevMailService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevMailService.class);

    private final GreenMail server;

    public DevMailService() {
        server = new GreenMail(new ServerSetup[] {
                new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                // Any address receives, and logs in to IMAP with itself as the password.
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        LOG.info("dev service: mail (GreenMail) takes SMTP on 127.0.0.1:{}; read dev mail over IMAP at 127.0.0.1:{}"
                + " (user and password: the recipient's email address)", server.getSmtp().getPort(),
                server.getImap().getPort());
    }

    public GreenMail server() {
        return server;
    }

    /** The GreenMail server's SMTP, preferred to the deployable's refusal to start without a host. */
    @Factory
    static class Endpoint {
        @Singleton
        @Primary
        @Requires(missingProperty = "cadenza.mail.smtp-host")
        SmtpServer devSmtp(DevMailService mail) {
            return new SmtpServer("127.0.0.1", mail.server().getSmtp().getPort(), null, null, false);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        server.stop();
        LOG.info("dev service: mail stopped");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException("finding a free port for mail", failure);
        }
    }
}
