package io.cadenza.api.wallets;

import io.cadenza.api.wallets.SiweRejectedException.Reason;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.web3j.crypto.Keys;

/**
 * One-time Sign-In with Ethereum challenges: the API writes the message, its nonce lives in Redis for the challenge's
 * lifetime, and a nonce is consumed atomically (GETDEL) by the first proof that uses it, for the account it was
 * issued to. A replayed, expired or foreign nonce finds nothing.
 */
public final class WalletChallenges {
    /** Deletes the nonce only when it was issued to ARGV[1]: another's proof leaves it for its owner. */
    private static final String CONSUME_SCRIPT = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";
    /** How long a challenge may wait for its signature, unless configured otherwise. */
    public static final Duration CHALLENGE_TTL_DEFAULT = Duration.ofMinutes(5);
    private static final String STATEMENT = "Link this wallet to your Cadenza account.";
    private static final char[] NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** 24 characters of 62: about 143 bits, beyond guessing within a challenge's lifetime. */
    private static final int NONCE_LENGTH = 24;

    private final StatefulRedisConnection<String, String> redis;
    private final SiweVerifier.Expectations expectations;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public WalletChallenges(StatefulRedisConnection<String, String> redis, SiweVerifier.Expectations expectations,
            Duration ttl, Clock clock) {
        if (ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("a challenge lives at least a second");
        }
        this.redis = redis;
        this.expectations = expectations;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A message for {@code accountId} to sign with the wallet at {@code address} (any case; written EIP-55). */
    public SiweMessage issue(String accountId, String address) {
        if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("not an address: " + address);
        }
        String checksummed = Keys.toChecksumAddress(address);
        String nonce = nonce();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        SiweMessage message = new SiweMessage(expectations.domain(), checksummed, STATEMENT, expectations.uri(),
                expectations.chainId(), nonce, now, now.plus(ttl), null, null, List.of());
        String stored = redis.sync().set(key(nonce), owner(accountId, checksummed), SetArgs.Builder.nx().ex(ttl));
        if (!"OK".equals(stored)) {
            throw new IllegalStateException("a fresh nonce collided in Redis"); // 143 random bits: never in practice
        }
        return message;
    }

    /**
     * Consumes {@code nonce} for {@code accountId} proving {@code address}; afterwards nobody can use it again. Only
     * the account it was issued to, for the address it was issued for, consumes it (atomically): anyone else's proof
     * is refused and leaves it for its owner.
     */
    public void consume(String nonce, String accountId, String address) {
        Long consumed = redis.sync().eval(CONSUME_SCRIPT, ScriptOutputType.INTEGER, new String[] {key(nonce)},
                owner(accountId, Keys.toChecksumAddress(address)));
        if (consumed == null || consumed != 1) {
            throw new SiweRejectedException(Reason.UNKNOWN_NONCE, "the nonce is unknown, expired, already used,"
                    + " or was issued to another account or address");
        }
    }

    /** Who a nonce was issued to: the account and the address it is to prove. */
    private static String owner(String accountId, String checksummedAddress) {
        return accountId + " " + checksummedAddress;
    }

    public SiweVerifier.Expectations expectations() {
        return expectations;
    }

    private String nonce() {
        char[] nonce = new char[NONCE_LENGTH];
        for (int index = 0; index < NONCE_LENGTH; index++) {
            nonce[index] = NONCE_ALPHABET[random.nextInt(NONCE_ALPHABET.length)];
        }
        return new String(nonce);
    }

    static String key(String nonce) {
        return "cadenza:siwe:nonce:" + nonce;
    }

    /** The expectations of an API served at {@code origin} for chain {@code chainId}. */
    public static SiweVerifier.Expectations expectationsFor(URI origin, long chainId) {
        return new SiweVerifier.Expectations(origin.getAuthority(), origin, chainId);
    }
}
