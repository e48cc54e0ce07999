package io.cadenza.api.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}), so that stored
 * hashes carry their own cost and can be verified after the cost is raised.
 *
 * <p>Each hash holds {@code memoryKib} of memory for tens of milliseconds: at most {@link #HASHES_CONCURRENT_MAX} run
 * at once, so that a burst of logins cannot exhaust the heap.
 */
public final class PasswordHasher {
    /** OWASP's first Argon2id configuration: 19 MiB, 2 passes, 1 lane. */
    public static final Cost COST_DEFAULT = new Cost(19_456, 2, 1);
    public static final int HASHES_CONCURRENT_MAX = 4;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MEMORY_KIB_MAX = 1 << 20;
    private static final int ITERATIONS_MAX = 16;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{16,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    /** Argon2 cost parameters. */
    public record Cost(int memoryKib, int iterations, int parallelism) {
        public Cost {
            if (memoryKib < 8 * parallelism || memoryKib > MEMORY_KIB_MAX || iterations < 1
                    || iterations > ITERATIONS_MAX || parallelism < 1 || parallelism > 16) {
                throw new IllegalArgumentException("Argon2 cost out of range: " + memoryKib + " KiB, " + iterations
                        + " passes, " + parallelism + " lanes");
            }
        }
    }

    private final Cost cost;
    private final SecureRandom random = new SecureRandom();
    private final Semaphore running = new Semaphore(HASHES_CONCURRENT_MAX, true);
    private final String unknownAccountHash;

    public PasswordHasher(Cost cost) {
        this.cost = cost;
        this.unknownAccountHash = hash("a password nobody has: verified when the email is unknown");
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, cost, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether the password matches; the comparison takes the same time wherever the first difference is. */
    public boolean verify(String password, String encoded) {
        Matcher phc = PHC.matcher(encoded);
        if (!phc.matches()) {
            throw new IllegalStateException("stored password hash is not an Argon2id PHC string");
        }
        Cost stored = new Cost(Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)),
                Integer.parseInt(phc.group(3)));
        byte[] expected = B64_DECODER.decode(phc.group(5));
        byte[] actual = argon2(password, B64_DECODER.decode(phc.group(4)), stored, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * Spends the time of a verification when no account has the email, so that a login's duration does not tell
     * whether an email is registered.
     */
    public void verifyNothing(String password) {
        verify(password, unknownAccountHash);
    }

    /** Whether a stored hash was made with a lower cost than today's, and should be re-hashed at the next login. */
    public boolean needsRehash(String encoded) {
        return !encoded.startsWith("$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p="
                + cost.parallelism() + "$");
    }

    private byte[] argon2(String password, byte[] salt, Cost cost, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        running.acquireUninterruptibly();
        try {
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            running.release();
        }
        return out;
    }
}
