package io.cadenza.api.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message in two forms, plain text and HTML, read from {@code mail/<name>.txt} and {@code .html} on the classpath.
 * The text's first line is {@code Subject: …}. Placeholders are {@code {{name}}}; in the HTML their values are escaped.
 */
public record MailTemplate(String name, String subject, String text, String html) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z]+)}}");

    /** A message made from a template: what is sent. */
    public record Message(String subject, String text, String html) {}

    public static MailTemplate load(String name) {
        String text = read("mail/" + name + ".txt");
        if (!text.startsWith("Subject: ")) {
            throw new IllegalStateException("mail/" + name + ".txt must begin with a Subject line");
        }
        int end = text.indexOf('\n');
        return new MailTemplate(name, text.substring("Subject: ".length(), end).strip(),
                text.substring(end + 1).stripLeading(), read("mail/" + name + ".html"));
    }

    public Message render(Map<String, String> values) {
        return new Message(fill(subject, values, false), fill(text, values, false), fill(html, values, true));
    }

    private String fill(String template, Map<String, String> values, boolean escape) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("template " + name + " needs " + matcher.group(1));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(escape ? escapeHtml(value) : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String escapeHtml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String read(String resource) {
        try (InputStream in = MailTemplate.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no mail template " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
