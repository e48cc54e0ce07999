package io.cadenza.api.idempotency;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Prints the fingerprint of a sign-up request (a {@code Map.of}, as {@code NewAccount.fingerprint()} builds one) as
 * another JVM computes it: run as a process of its own by {@link FingerprintTest}.
 */
public final class SignUpFingerprint {
    private SignUpFingerprint() {}

    static Map<String, String> request() {
        return Map.of("email", "ada@example.com", "password", "sha256:5e884898da28047151d0e56f8dc6292773603d0d",
                "role", "ARTIST", "displayName", "Ada", "locale", "en-GB", "marketing", "false");
    }

    public static void main(String[] args) throws Exception {
        // Micronaut Serde's mapper on its own: the fingerprint needs nothing else of the application.
        System.out.println(HexFormat.of().formatHex(IdempotentRequests.fingerprint(JsonMapper.createDefault(),
                request())));
    }

    /** Runs {@link #main} in a new JVM with this one's classpath; answers what it printed. */
    static String inAnotherJvm() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SignUpFingerprint.class.getName()).redirectErrorStream(false).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("the other JVM failed: " + new String(process.getErrorStream()
                    .readAllBytes(), StandardCharsets.UTF_8));
        }
        String[] lines = printed.split("\n");
        return lines[lines.length - 1].strip();
    }
}
