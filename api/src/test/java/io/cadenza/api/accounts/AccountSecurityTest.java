package io.cadenza.api.accounts;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.MultipartBody;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestMail;
import io.cadenza.api.testing.TestMedia;
import io.cadenza.api.testing.TestTotp;
import io.cadenza.api.twofactor.TotpCodes;
import io.cadenza.chain.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Accounts end to end over HTTP, with the mail really delivered (GreenMail): verification, password reset, sign-in
 * links, TOTP enrolment and recovery codes, admins' two-factor requirement and step-up, and the abuse of each.
 */
@ExtendWith(TestApplication.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountSecurityTest {
    private ApiClient api;
    private TestServices services;

    @BeforeAll
    void setUp(TestApplication application, TestServices services) {
        this.api = application.client();
        this.services = services;
    }

    @Test
    void signUpVerifyByTheMailedLinkThenResetThePasswordByTheMailedLink() {
        Session artist = api.signUpUnverified("ARTIST");
        assertThat(api.get("/v1/me", artist.accessToken()).json().get("emailVerified").asBoolean()).isFalse();
        Answer refused = upload(artist);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problemType()).isEqualTo("email-not-verified");

        TestMail.Delivered verification = TestMail.await(artist.email(), 1);
        assertThat(verification.subject()).contains("Confirm your email");
        assertThat(verification.link().page()).isEqualTo(TestApplication.SIWE_ORIGIN + "/verify-email");
        assertThat(verification.html()).contains("href=\"" + TestApplication.SIWE_ORIGIN + "/verify-email?token="
                + verification.link().token() + "\"").contains("<strong>" + artist.email() + "</strong>");
        Answer verified = api.post("/v1/email-verifications", object("token", verification.link().token()), null);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().get("emailVerified").asBoolean()).isTrue();
        assertThat(api.post("/v1/email-verifications", object("token", verification.link().token()), null)
                .problemType()).as("single use").isEqualTo("invalid-link");

        // Reset: a weak password leaves the link usable; the new password ends every login.
        assertThat(api.post("/v1/password-resets", object("email", artist.email()), null).status()).isEqualTo(202);
        String reset = TestMail.await(artist.email(), 2).link().token();
        Answer weak = api.post("/v1/password-resets/confirm", object("token", reset, "password", "short"), null);
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.problemType()).isEqualTo("validation");
        String newPassword = "another long enough password";
        assertThat(api.post("/v1/password-resets/confirm", object("token", reset, "password", newPassword), null)
                .status()).isEqualTo(204);
        assertThat(api.get("/v1/me", artist.accessToken()).status()).as("the old login ended").isEqualTo(401);
        assertThat(api.post("/v1/sessions/refresh", object("refreshToken", artist.refreshToken()), null).status())
                .isEqualTo(401);
        assertThat(api.post("/v1/sessions", object("email", artist.email(), "password", ApiClient.PASSWORD), null)
                .status()).isEqualTo(401);
        assertThat(api.login(artist.email(), newPassword).id()).isEqualTo(artist.id());
        assertThat(api.post("/v1/password-resets/confirm", object("token", reset, "password", "a third password here"),
                null).problemType()).as("single use").isEqualTo("invalid-link");
    }

    @Test
    void aResetLinkSentAtOnceFromManyTabsSetsOnePassword() throws Exception {
        Session investor = api.signUp("INVESTOR");
        api.post("/v1/password-resets", object("email", investor.email()), null);
        String token = TestMail.await(investor.email(), 2).link().token();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Answer>> confirmations = new ArrayList<>();
        for (int tab = 0; tab < 8; tab++) {
            String password = "a new password from tab " + tab;
            confirmations.add(() -> api.post("/v1/password-resets/confirm", object("token", token, "password",
                    password), null));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Answer> answer : pool.invokeAll(confirmations)) {
            statuses.add(answer.get().status());
        }
        pool.shutdown();
        assertThat(statuses.stream().filter(status -> status == 204).count()).as(statuses.toString()).isEqualTo(1);
        assertThat(statuses.stream().filter(status -> status == 400).count()).isEqualTo(7);
    }

    @Test
    void expiredForgedAndMalformedTokensAreRefusedAlike() throws Exception {
        Session investor = api.signUp("INVESTOR");
        String expired = randomToken();
        try (Connection connection = services.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into account_email_token (token_hash, account_id, purpose, email, issued_at, expires_at)
                        values (?, ?, 'PASSWORD_RESET', ?, ?, ?)""")) {
            insert.setBytes(1, MessageDigest.getInstance("SHA-256").digest(expired.getBytes(StandardCharsets.US_ASCII)));
            insert.setObject(2, investor.id());
            insert.setString(3, investor.email());
            insert.setTimestamp(4, Timestamp.from(Instant.now().minusSeconds(3600)));
            insert.setTimestamp(5, Timestamp.from(Instant.now().minusSeconds(1)));
            insert.executeUpdate();
        }
        for (String token : List.of(expired, randomToken())) {
            Answer answer = api.post("/v1/password-resets/confirm", object("token", token, "password",
                    "a perfectly good new password"), null);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.problemType()).isEqualTo("invalid-link");
            assertThat(api.post("/v1/sessions/magic-link", object("token", token), null).problemType())
                    .isEqualTo("invalid-link");
            assertThat(api.post("/v1/email-verifications", object("token", token), null).problemType())
                    .isEqualTo("invalid-link");
        }
        // A token of another purpose does nothing here: a verification link is no reset link.
        Session other = api.signUpUnverified("INVESTOR");
        String verification = TestMail.await(other.email(), 1).link().token();
        assertThat(api.post("/v1/password-resets/confirm", object("token", verification, "password",
                "a perfectly good new password"), null).problemType()).isEqualTo("invalid-link");
        for (String malformed : List.of("short", "x".repeat(65), "tok\u0000en" + "x".repeat(38))) {
            Answer answer = api.post("/v1/password-resets/confirm", object("token", malformed, "password",
                    "a perfectly good new password"), null);
            assertThat(answer.status()).as(malformed).isEqualTo(400);
        }
        assertThat(api.login(investor.email(), ApiClient.PASSWORD).id()).isEqualTo(investor.id());
    }

    @Test
    void aResetForAnUnknownEmailAnswersTheSameInTheSameTime() {
        Session known = api.signUp("INVESTOR");
        String unknown = "nobody-" + UUID.randomUUID() + "@example.test";
        Answer forKnown = api.post("/v1/password-resets", object("email", known.email()), null);
        Answer forUnknown = api.post("/v1/password-resets", object("email", unknown), null);
        assertThat(forUnknown.status()).isEqualTo(forKnown.status()).isEqualTo(202);
        assertThat(forUnknown.raw().body()).isEqualTo(forKnown.raw().body());
        assertThat(headerNames(forUnknown)).isEqualTo(headerNames(forKnown));

        // Alternating, so that whatever else the machine does weighs on both alike.
        List<Long> knownNanos = new ArrayList<>();
        List<Long> unknownNanos = new ArrayList<>();
        for (int round = 0; round < 25; round++) {
            knownNanos.add(timed(() -> api.post("/v1/password-resets", object("email", known.email()), null)));
            unknownNanos.add(timed(() -> api.post("/v1/password-resets", object("email", unknown), null)));
        }
        // The lookup, the token and the mail all happen after the answer: nothing distinguishes the two.
        assertThat(Math.abs(median(knownNanos) - median(unknownNanos))).as("median difference, ns")
                .isLessThan(20_000_000L);
        TestMail.await(known.email(), 2);
        assertThat(TestMail.to(unknown)).isEmpty();
    }

    @Test
    void signInByMailedLinkForAccountsThatTurnItOn() throws Exception {
        Session investor = api.signUp("INVESTOR");
        // Off by default: asking answers alike and sends nothing.
        assertThat(api.post("/v1/magic-links", object("email", investor.email()), null).status()).isEqualTo(202);
        Answer on = api.post("/v1/me/magic-link", object("enabled", true), investor.accessToken());
        assertThat(on.json().get("magicLinkEnabled").asBoolean()).isTrue();
        assertThat(api.post("/v1/magic-links", object("email", investor.email()), null).status()).isEqualTo(202);
        TestMail.Delivered link = TestMail.await(investor.email(), 2);
        assertThat(link.subject()).contains("sign-in link");
        assertThat(TestMail.to(investor.email())).as("the request while it was off sent nothing").hasSize(2);

        Answer signedIn = api.post("/v1/sessions/magic-link", object("token", link.link().token()), null);
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(api.get("/v1/me", signedIn.json().get("accessToken").asText()).json().get("id").asText())
                .isEqualTo(investor.id().toString());
        assertThat(api.post("/v1/sessions/magic-link", object("token", link.link().token()), null).problemType())
                .as("single use").isEqualTo("invalid-link");

        // With two-factor on, the link alone is not enough, and it is not spent by the attempt.
        ApiClient.Authenticator authenticator = api.enrolTwoFactor(investor);
        api.post("/v1/magic-links", object("email", investor.email()), null);
        String second = TestMail.await(investor.email(), 3).link().token();
        Answer withoutCode = api.post("/v1/sessions/magic-link", object("token", second), null);
        assertThat(withoutCode.status()).isEqualTo(401);
        assertThat(withoutCode.problemType()).isEqualTo("second-factor-required");
        assertThat(api.post("/v1/sessions/magic-link", object("token", second, "code",
                api.code(investor.email())), null).status()).isEqualTo(200);
        assertThat(authenticator.recoveryCodes()).hasSize(10);
    }

    @Test
    void totpEnrolmentCodesOnceEachAndRecoveryCodesOnceEach() throws Exception {
        Session investor = api.signUp("INVESTOR");
        Answer begun = api.post("/v1/me/two-factor", object(), investor.accessToken());
        assertThat(begun.status()).isEqualTo(200);
        String secret = begun.json().get("secret").asText();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(begun.json().get("otpauthUri").asText()).startsWith("otpauth://totp/Cadenza%3A" + investor.email().replace("@", "%40") + "?")
                .contains("secret=" + secret).contains("issuer=Cadenza").contains("period=30").contains("digits=6");
        String qr = begun.json().get("qrCode").asText();
        assertThat(qr).startsWith("data:image/png;base64,");
        byte[] png = Base64.getDecoder().decode(qr.substring(qr.indexOf(',') + 1));
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");

        String wrong = TotpCodes.code(secret, TotpCodes.step(Instant.now()) + 5);
        assertThat(api.post("/v1/me/two-factor/confirm", object("code", wrong), investor.accessToken()).problemType())
                .isEqualTo("invalid-second-factor");
        String account = investor.email();
        String first = TestTotp.next(account, secret);
        Answer confirmed = api.post("/v1/me/two-factor/confirm", object("code", first), investor.accessToken());
        assertThat(confirmed.status()).isEqualTo(200);
        List<String> recovery = new ArrayList<>();
        confirmed.json().get("recoveryCodes").forEach(code -> recovery.add(code.asText()));
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates().allMatch(code -> code.matches("([A-Z2-7]{4}-){3}[A-Z2-7]{4}"));

        Answer passwordOnly = api.post("/v1/sessions", object("email", investor.email(), "password",
                ApiClient.PASSWORD), null);
        assertThat(passwordOnly.status()).isEqualTo(401);
        assertThat(passwordOnly.problemType()).isEqualTo("second-factor-required");
        Answer replayed = api.post("/v1/sessions", object("email", investor.email(), "password", ApiClient.PASSWORD,
                "code", first), null);
        assertThat(replayed.problemType()).as("the confirming code, replayed inside its window")
                .isEqualTo("invalid-second-factor");
        String next = TestTotp.next(account, secret);
        assertThat(api.post("/v1/sessions", object("email", investor.email(), "password", ApiClient.PASSWORD, "code",
                next), null).status()).isEqualTo(200);
        assertThat(api.post("/v1/sessions", object("email", investor.email(), "password", ApiClient.PASSWORD, "code",
                next), null).problemType()).as("a login's code, replayed").isEqualTo("invalid-second-factor");

        String recoveryCode = recovery.get(3).toLowerCase().replace("-", "");
        Answer recovered = api.post("/v1/sessions", object("email", investor.email(), "password", ApiClient.PASSWORD,
                "recoveryCode", recoveryCode), null);
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(api.post("/v1/sessions", object("email", investor.email(), "password", ApiClient.PASSWORD,
                "recoveryCode", recovery.get(3)), null).problemType()).isEqualTo("invalid-second-factor");
        // New recovery codes, for a code: the old ones (used or not) stop working.
        Answer renewed = api.post("/v1/me/two-factor/recovery-codes", object("code", TestTotp.next(account, secret)),
                recovered.json().get("accessToken").asText());
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.json().get("recoveryCodes")).hasSize(10);
        assertThat(api.post("/v1/sessions", object("email", investor.email(), "password", ApiClient.PASSWORD,
                "recoveryCode", recovery.get(4)), null).problemType()).isEqualTo("invalid-second-factor");
        assertThat(api.post("/v1/sessions", object("email", investor.email(), "password", ApiClient.PASSWORD,
                "recoveryCode", renewed.json().get("recoveryCodes").get(0).asText()), null).status()).isEqualTo(200);
        JsonNode entries = api.get("/v1/admin/audit?actor=" + investor.id(), api.admin().accessToken()).json()
                .get("data");
        List<String> actions = new ArrayList<>();
        entries.forEach(entry -> actions.add(entry.get("action").asText()));
        assertThat(actions).contains("account.two-factor.enable", "account.two-factor.recovery-code",
                "account.two-factor.recovery-codes");
    }

    @Test
    void wrongCodesSentAtOnceRunIntoTheLockoutAndTheRightCodeWaitsToo() throws Exception {
        Session investor = api.signUp("INVESTOR");
        ApiClient.Authenticator authenticator = api.enrolTwoFactor(investor);
        String wrong = TotpCodes.code(authenticator.secret(), TotpCodes.step(Instant.now()) + 7);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Answer>> guesses = new ArrayList<>();
        for (int guess = 0; guess < 40; guess++) {
            guesses.add(() -> api.post("/v1/sessions", object("email", investor.email(), "password",
                    ApiClient.PASSWORD, "code", wrong), null));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Answer> answer : pool.invokeAll(guesses)) {
            statuses.add(answer.get().status());
        }
        pool.shutdown();
        // Exactly the allowed failures were checked; every other guess was refused unchecked.
        assertThat(statuses.stream().filter(status -> status == 401).count()).isEqualTo(5);
        assertThat(statuses.stream().filter(status -> status == 429).count()).isEqualTo(35);
        Answer right = api.post("/v1/sessions", object("email", investor.email(), "password", ApiClient.PASSWORD,
                "code", api.code(investor.email())), null);
        assertThat(right.status()).as("the lockout holds for the right code too").isEqualTo(429);
        assertThat(right.header("Retry-After")).isNotNull();
    }

    @Test
    void anAdminWithoutTwoFactorCanOnlyEnrolAndApprovingAsksForAFreshCode() {
        String email = "new-admin-" + UUID.randomUUID() + "@example.test";
        assertThat(api.post("/v1/admin/accounts", object("email", email, "password", ApiClient.PASSWORD, "role",
                "ADMIN"), api.admin().accessToken()).status()).isEqualTo(201);
        Session admin = api.login(email, ApiClient.PASSWORD);
        String statement = "/v1/admin/royalty-statements/" + UUID.randomUUID() + "/approve";
        for (Answer refused : List.of(api.get("/v1/admin/audit", admin.accessToken()),
                api.post(statement, object(), admin.accessToken()),
                api.get("/v1/admin/outbox", admin.accessToken()))) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.problemType()).isEqualTo("two-factor-required");
        }
        assertThat(api.get("/v1/me", admin.accessToken()).json().get("twoFactorEnabled").asBoolean()).isFalse();

        ApiClient.Authenticator authenticator = api.enrolTwoFactor(admin);
        // The confirmation's access token says two-factor is on, and was proved just now.
        assertThat(api.get("/v1/admin/audit", authenticator.accessToken()).status()).isEqualTo(200);
        assertThat(api.post(statement, object(), authenticator.accessToken()).status()).isEqualTo(404);

        // Signed in with a recovery code: a session, but no step-up.
        Answer recovered = api.post("/v1/sessions", object("email", email, "password", ApiClient.PASSWORD,
                "recoveryCode", authenticator.recoveryCodes().get(0)), null);
        String session = recovered.json().get("accessToken").asText();
        assertThat(api.get("/v1/admin/audit", session).status()).isEqualTo(200);
        Answer unstepped = api.post(statement, object(), session);
        assertThat(unstepped.status()).isEqualTo(403);
        assertThat(unstepped.problemType()).isEqualTo("step-up-required");
        Answer stepUp = api.post("/v1/sessions/step-up", object("code", api.code(email)), session);
        assertThat(stepUp.status()).isEqualTo(200);
        assertThat(stepUp.json().get("stepUpExpiresAt").asText()).isNotBlank();
        assertThat(api.post(statement, object(), stepUp.json().get("accessToken").asText()).status())
                .as("past the gate: the statement does not exist").isEqualTo(404);

        // Every sign-in of an admin is in the audit log, with how its second factor was proved.
        List<String> signIns = new ArrayList<>();
        api.get("/v1/admin/audit?action=account.sign-in&actor=" + admin.id(), api.admin().accessToken()).json()
                .get("data").forEach(entry -> signIns.add(entry.get("after").get("secondFactor").asText()));
        assertThat(signIns).containsExactly("recovery-code", "none");
    }

    private Answer upload(Session artist) {
        MultipartBody body = new MultipartBody().field("title", "Unverified").field("artistName", "Nobody Yet")
                .field("isrc", io.cadenza.api.testing.CatalogFixtures.uniqueIsrc()).field("releaseDate", "2026-03-03")
                .field("royaltySharePercent", "5").file("audio", "a.wav", "audio/wav", TestMedia.wav(50, 5));
        return api.upload("/v1/masters", body, artist.accessToken(), Map.of());
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static List<String> headerNames(Answer answer) {
        return answer.raw().headers().map().keySet().stream().map(String::toLowerCase)
                .filter(name -> !name.equals("date")).sorted().toList();
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

}
