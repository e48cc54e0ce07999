package io.cadenza.api.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test JVM's SMTP server (GreenMail), which every application a test starts sends to: tests read what was really
 * delivered, as a user's mail client would.
 */
public final class TestMail {
    private static final Pattern LINK = Pattern.compile("(https?://\\S+?)\\?token=([A-Za-z0-9_-]{43})");
    private static GreenMail server;

    private TestMail() {}

    /** A delivered message, decoded: its subject and both its forms. */
    public record Delivered(String to, String subject, String text, String html, Instant receivedAt) {
        /** The one-time link's page and token in the plain-text form. */
        public Link link() {
            Matcher matcher = LINK.matcher(text);
            if (!matcher.find()) {
                throw new IllegalStateException("no link in: " + text);
            }
            return new Link(matcher.group(1), matcher.group(2));
        }
    }

    public record Link(String page, String token) {}

    public static synchronized int smtpPort() {
        if (server == null) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
        return server.getSmtp().getPort();
    }

    /** The settings that point an application at this server. */
    public static Map<String, Object> properties() {
        return Map.of("cadenza.mail.smtp-host", "127.0.0.1", "cadenza.mail.smtp-port", smtpPort(),
                "cadenza.mail.start-tls", false, "cadenza.mail.from", "Cadenza Tests <no-reply@cadenza.test>",
                "cadenza.mail.web-origin", TestApplication.SIWE_ORIGIN,
                // Tests send many messages to one address (resets, links, resends).
                "cadenza.mail.per-address-per-hour", 1_000);
    }

    /** Every message delivered to {@code address} so far, oldest first. */
    public static List<Delivered> to(String address) {
        smtpPort();
        List<Delivered> found = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                boolean addressed = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
                if (addressed) {
                    found.add(new Delivered(address, message.getSubject(), part(message, "text/plain"),
                            part(message, "text/html"), message.getReceivedDate() == null ? Instant.now()
                                    : message.getReceivedDate().toInstant()));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("reading a delivered message", e);
            }
        }
        return found;
    }

    /** Waits for the {@code count}-th message to {@code address} (1 for the first) and answers it. */
    public static Delivered await(String address, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            List<Delivered> delivered = to(address);
            if (delivered.size() >= count) {
                return delivered.get(count - 1);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no message " + count + " to " + address + " within 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int index = 0; index < multipart.getCount(); index++) {
                BodyPart body = multipart.getBodyPart(index);
                String found = part(body, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
