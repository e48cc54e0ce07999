package io.cadenza.api.wallets;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/**
 * A Sign-In with Ethereum message (EIP-4361), as the API issues it: always with a statement; expiration, not-before,
 * request id and resources optional. {@link #toText()} and {@link #parse(String)} are exact inverses.
 */
public record SiweMessage(String domain, String address, String statement, URI uri, long chainId, String nonce,
        Instant issuedAt, Instant expirationTime, Instant notBefore, String requestId, List<String> resources) {

    private static final String PREAMBLE = " wants you to sign in with your Ethereum account:";
    private static final String VERSION = "1";
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    /** EIP-4361: at least 8 alphanumeric characters. */
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{8,}");
    /** The longest message the API reads; a real one is a few hundred bytes. */
    public static final int TEXT_LENGTH_MAX = 4_096;

    public SiweMessage {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(issuedAt, "issuedAt");
        resources = resources == null ? List.of() : List.copyOf(resources);
        if (!ADDRESS.matcher(address).matches() || !Keys.toChecksumAddress(address).equals(address)) {
            throw new IllegalArgumentException("the address must be EIP-55 checksummed: " + address);
        }
        if (!NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("the nonce must be 8 or more letters and digits");
        }
        if (statement.contains("\n") || domain.contains("\n")) {
            throw new IllegalArgumentException("the domain and the statement are single lines");
        }
    }

    public String toText() {
        StringBuilder text = new StringBuilder()
                .append(domain).append(PREAMBLE).append('\n')
                .append(address).append("\n\n")
                .append(statement).append("\n\n")
                .append("URI: ").append(uri).append('\n')
                .append("Version: ").append(VERSION).append('\n')
                .append("Chain ID: ").append(chainId).append('\n')
                .append("Nonce: ").append(nonce).append('\n')
                .append("Issued At: ").append(issuedAt);
        if (expirationTime != null) {
            text.append("\nExpiration Time: ").append(expirationTime);
        }
        if (notBefore != null) {
            text.append("\nNot Before: ").append(notBefore);
        }
        if (requestId != null) {
            text.append("\nRequest ID: ").append(requestId);
        }
        if (!resources.isEmpty()) {
            text.append("\nResources:");
            resources.forEach(resource -> text.append("\n- ").append(resource));
        }
        return text.toString();
    }

    /** Reads a message; anything not in EIP-4361's shape is refused with what was wrong. */
    public static SiweMessage parse(String text) {
        if (text == null || text.length() > TEXT_LENGTH_MAX) {
            throw new MalformedSiweMessageException("missing or longer than " + TEXT_LENGTH_MAX + " characters");
        }
        List<String> lines = List.of(text.split("\n", -1));
        Cursor cursor = new Cursor(lines);
        String first = cursor.next();
        if (!first.endsWith(PREAMBLE)) {
            throw new MalformedSiweMessageException("the first line is not \"<domain>" + PREAMBLE + "\"");
        }
        String domain = first.substring(0, first.length() - PREAMBLE.length());
        String address = cursor.next();
        cursor.expectBlank();
        String statement = cursor.next();
        cursor.expectBlank();
        URI uri = parseUri(cursor.field("URI"));
        if (!VERSION.equals(cursor.field("Version"))) {
            throw new MalformedSiweMessageException("only version " + VERSION + " is supported");
        }
        long chainId = parseChainId(cursor.field("Chain ID"));
        String nonce = cursor.field("Nonce");
        Instant issuedAt = parseInstant("Issued At", cursor.field("Issued At"));
        Instant expirationTime = cursor.hasField("Expiration Time")
                ? parseInstant("Expiration Time", cursor.field("Expiration Time")) : null;
        Instant notBefore = cursor.hasField("Not Before") ? parseInstant("Not Before", cursor.field("Not Before")) : null;
        String requestId = cursor.hasField("Request ID") ? cursor.field("Request ID") : null;
        List<String> resources = new ArrayList<>();
        if (cursor.hasLine("Resources:")) {
            cursor.next();
            while (cursor.hasMore()) {
                String line = cursor.next();
                if (!line.startsWith("- ")) {
                    throw new MalformedSiweMessageException("a resource line must start with \"- \"");
                }
                resources.add(line.substring(2));
            }
        }
        if (cursor.hasMore()) {
            throw new MalformedSiweMessageException("unexpected line: " + cursor.peek());
        }
        try {
            return new SiweMessage(domain, address, statement, uri, chainId, nonce, issuedAt, expirationTime, notBefore,
                    requestId, resources);
        } catch (IllegalArgumentException invalid) {
            throw new MalformedSiweMessageException(invalid.getMessage());
        }
    }

    private static URI parseUri(String text) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException invalid) {
            throw new MalformedSiweMessageException("URI is not a URI");
        }
    }

    private static long parseChainId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException invalid) {
            throw new MalformedSiweMessageException("Chain ID is not a number");
        }
    }

    private static Instant parseInstant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException invalid) {
            throw new MalformedSiweMessageException(field + " is not an ISO-8601 instant");
        }
    }

    private static final class Cursor {
        private final List<String> lines;
        private int position;

        Cursor(List<String> lines) {
            this.lines = lines;
        }

        boolean hasMore() {
            return position < lines.size();
        }

        String peek() {
            return lines.get(position);
        }

        String next() {
            if (!hasMore()) {
                throw new MalformedSiweMessageException("the message ends early");
            }
            return lines.get(position++);
        }

        void expectBlank() {
            if (!next().isEmpty()) {
                throw new MalformedSiweMessageException("a blank line is missing at line " + position);
            }
        }

        boolean hasLine(String exact) {
            return hasMore() && peek().equals(exact);
        }

        boolean hasField(String name) {
            return hasMore() && peek().startsWith(name + ": ");
        }

        String field(String name) {
            if (!hasField(name)) {
                throw new MalformedSiweMessageException("\"" + name + ": \" expected at line " + (position + 1));
            }
            return next().substring(name.length() + 2);
        }
    }
}
