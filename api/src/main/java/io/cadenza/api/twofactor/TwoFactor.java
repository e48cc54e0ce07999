package io.cadenza.api.twofactor;

import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import io.cadenza.api.accounts.Account;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.chain.audit.AuditLog;
import io.cadenza.chain.audit.AuditRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * TOTP two-factor authentication (RFC 6238): enrolment with a secret shown once and confirmed by a first code, ten
 * single-use recovery codes, and the check of a code, each accepted once: a code is only taken for a time step later
 * than the last one accepted, so a code seen over a shoulder or replayed from a log is refused even inside its window.
 */
@Singleton
public class TwoFactor {
    static final String ISSUER = "Cadenza";
    /** 160 bits, as RFC 4226 recommends: 32 base32 letters. */
    private static final int SECRET_LETTERS = 32;

    private final TwoFactorStore store;
    private final SecretSeal seal;
    private final AuditLog audit;
    private final Clock clock;
    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(SECRET_LETTERS);

    public TwoFactor(TwoFactorStore store, SecretSeal seal, AuditLog audit, Clock clock) {
        this.store = store;
        this.seal = seal;
        this.audit = audit;
        this.clock = clock;
    }

    public boolean enabled(UUID accountId) {
        return store.isEnabled(accountId);
    }

    /** A new secret, pending until confirmed; refused while two-factor authentication is on (disable it first). */
    @Transactional
    public Enrolment begin(Account account) {
        String secret = secrets.generate();
        if (store.begin(account.id(), seal.seal(secret), now()) != 1) {
            throw new ProblemException(ProblemType.CONFLICT, "Two-factor authentication is on already; turn it off"
                    + " (with a code) to enrol another device.");
        }
        // The Key URI Format's label: issuer, colon, account; apps show both.
        QrData data = new QrData.Builder().label(ISSUER + ":" + account.email()).secret(secret).issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1).digits(TotpCodes.DIGITS).period(TotpCodes.PERIOD_SECONDS).build();
        try {
            ZxingPngQrGenerator png = new ZxingPngQrGenerator();
            return new Enrolment(secret, data.getUri(), Utils.getDataUriForImage(png.generate(data),
                    png.getImageMimeType()));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("drawing the enrolment's QR code", e);
        }
    }

    /** Confirms a pending enrolment with its first code; answers the recovery codes, shown this once. */
    @Transactional
    public List<String> confirm(Account account, String code) {
        TwoFactorRecord pending = store.findById(account.id()).filter(found -> !found.confirmed())
                .orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                        "No enrolment is waiting: start one with POST /v1/me/two-factor."));
        OptionalLong step = TotpCodes.matchingStep(seal.open(pending.secretSealed()), code, clock.instant());
        if (step.isEmpty() || store.confirm(account.id(), step.getAsLong(), now()) != 1) {
            throw wrongCode();
        }
        List<String> codes = issueRecoveryCodes(account.id());
        audit.append(AuditRecord.of(account.id(), "account.two-factor.enable", "account:" + account.id())
                .withAfter(AuditRecord.state("twoFactor", true, "recoveryCodes", codes.size())));
        return codes;
    }

    /** Enrols the configured admin with the operator's secret (no QR code to show: the operator holds it). */
    @Transactional
    public void enrolConfigured(UUID accountId, String secret) {
        Instant now = now();
        store.begin(accountId, seal.seal(secret), now);
        // Confirmed as if at time step 1: every real code (of a step since 1970) is later, none is taken for used.
        store.confirm(accountId, 1, now);
        audit.append(new AuditRecord(AuditRecord.PLATFORM, "account.two-factor.enable", "account:" + accountId,
                null, AuditRecord.state("twoFactor", true, "configured", true)));
    }

    /**
     * Accepts a TOTP code of the account, or one of its recovery codes, once. Answers how it was proved; throws
     * {@code invalid-second-factor} when neither is right (the caller counts it as a failed login).
     */
    @Transactional
    public Proof verify(Account account, @Nullable String code, @Nullable String recoveryCode) {
        if (code != null) {
            TwoFactorRecord record = store.findById(account.id()).filter(TwoFactorRecord::confirmed)
                    .orElseThrow(TwoFactor::wrongCode);
            OptionalLong step = TotpCodes.matchingStep(seal.open(record.secretSealed()), code, clock.instant());
            if (step.isPresent() && store.use(account.id(), step.getAsLong()) == 1) {
                return Proof.CODE;
            }
            throw wrongCode();
        }
        byte[] hash = recoveryCode == null ? null : RecoveryCodes.hash(recoveryCode);
        if (hash != null && store.useRecoveryCode(account.id(), hash, now()) == 1) {
            audit.append(AuditRecord.of(account.id(), "account.two-factor.recovery-code", "account:" + account.id())
                    .withAfter(AuditRecord.state("recoveryCodesLeft", store.recoveryCodesLeft(account.id()))));
            return Proof.RECOVERY_CODE;
        }
        throw wrongCode();
    }

    /** How a second factor was proved: a code from the device, or a recovery code (which grants no step-up). */
    public enum Proof { CODE, RECOVERY_CODE }

    /**
     * Replaces the account's recovery codes with ten new ones (after a code proved the caller): the old ones, used or
     * not, stop working.
     */
    @Transactional
    public List<String> renewRecoveryCodes(Account account) {
        List<String> codes = issueRecoveryCodes(account.id());
        audit.append(AuditRecord.of(account.id(), "account.two-factor.recovery-codes", "account:" + account.id())
                .withAfter(AuditRecord.state("recoveryCodes", codes.size())));
        return codes;
    }

    /** Turns two-factor authentication off: by its owner (after a code), or by an admin resetting a lost device. */
    @Transactional
    public boolean disable(UUID accountId, UUID by) {
        boolean wasOn = store.isEnabled(accountId);
        int removed = store.remove(accountId);
        store.removeRecoveryCodes(accountId);
        if (removed > 0) {
            audit.append(new AuditRecord(AuditRecord.account(by), by.equals(accountId) ? "account.two-factor.disable"
                    : "account.two-factor.reset", "account:" + accountId, AuditRecord.state("twoFactor", wasOn),
                    AuditRecord.state("twoFactor", false)));
        }
        return removed > 0;
    }

    private List<String> issueRecoveryCodes(UUID accountId) {
        store.removeRecoveryCodes(accountId);
        List<String> codes = RecoveryCodes.generate();
        Instant now = now();
        codes.forEach(code -> store.addRecoveryCode(accountId, RecoveryCodes.hash(code), now));
        return codes;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException wrongCode() {
        return new ProblemException(ProblemType.INVALID_SECOND_FACTOR, "The code is wrong, expired or used already.");
    }
}
