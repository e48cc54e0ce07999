package io.cadenza.api.accounts;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.chain.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sign-up, login, refresh, logout, lockout and roles, through HTTP against the running application. */
@ExtendWith(TestApplication.Extension.class)
class AccountsTest {
    private final ApiClient api;

    AccountsTest(TestApplication application) {
        this.api = application.client();
    }

    @Test
    void aSignedUpAccountLogsInAndItsAccessTokenAuthenticates() {
        String email = "Ann-" + UUID.randomUUID() + "@Example.test";
        Answer created = api.post("/v1/accounts", object("email", email, "password", ApiClient.PASSWORD,
                "role", "ARTIST"), null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("role").asText()).isEqualTo("ARTIST");
        assertThat(created.json().has("password")).isFalse();
        assertThat(created.json().has("passwordHash")).isFalse();

        // Emails are matched without regard to case.
        Session session = api.login(email.toLowerCase(), ApiClient.PASSWORD);
        assertThat(session.id().toString()).isEqualTo(created.json().get("id").asText());
        assertThat(session.role()).isEqualTo("ARTIST");

        Answer anonymous = api.get("/v1/me", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.problemType()).isEqualTo("unauthenticated");
    }

    @Test
    void thePasswordIsStoredOnlyAsAnArgon2idHash(TestServices services) throws Exception {
        Session session = api.signUp("INVESTOR");
        try (Connection connection = services.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select password_hash from account_user where id = ?")) {
            select.setObject(1, session.id());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                        .doesNotContain(ApiClient.PASSWORD);
            }
        }
    }

    @Test
    void signUpRefusesBadFieldsWeakPasswordsAndTheAdminRole() {
        assertField(api.post("/v1/accounts", object("email", "not-an-email", "password", ApiClient.PASSWORD,
                "role", "INVESTOR"), null), "email");
        assertField(api.post("/v1/accounts", object("email", unique(), "password", "short", "role", "INVESTOR"),
                null), "password");
        assertField(api.post("/v1/accounts", object("email", unique(), "password", "aaaaaaaaaaaaaaaa",
                "role", "INVESTOR"), null), "password");
        String email = "someone.special-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        assertField(api.post("/v1/accounts", object("email", email, "password", email.split("@")[0] + "!x",
                "role", "INVESTOR"), null), "password");
        assertField(api.post("/v1/accounts", object("email", unique(), "password", ApiClient.PASSWORD,
                "role", "ADMIN"), null), "role");
        assertField(api.post("/v1/accounts", object("email", unique(), "password", ApiClient.PASSWORD), null),
                "role");

        Answer unknownRole = api.post("/v1/accounts", object("email", unique(), "password", ApiClient.PASSWORD,
                "role", "OWNER"), null);
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.contentType()).startsWith("application/problem+json");
        Answer notJson = api.post("/v1/accounts", "{\"email\":", null);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.problemType()).isEqualTo("malformed-request");
    }

    @Test
    void aSignUpRetriedWithItsIdempotencyKeyGetsTheFirstAnswer() {
        String email = unique();
        Map<String, String> key = Map.of("Idempotency-Key", "signup-" + email);
        Answer first = api.post("/v1/accounts", object("email", email, "password", ApiClient.PASSWORD,
                "role", "INVESTOR"), null, key);
        Answer retry = api.post("/v1/accounts", object("email", email, "password", ApiClient.PASSWORD,
                "role", "INVESTOR"), null, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        Answer other = api.post("/v1/accounts", object("email", email, "password", ApiClient.PASSWORD,
                "role", "ARTIST"), null, key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.problemType()).isEqualTo("idempotency-key-reused");
    }

    @Test
    void aSignUpReplayIsNeverHandedToAClientWithAnotherPassword() {
        String email = unique();
        Map<String, String> key = Map.of("Idempotency-Key", "signup-" + email);
        Answer first = api.post("/v1/accounts", object("email", email, "password", ApiClient.PASSWORD,
                "role", "INVESTOR"), null, key);
        assertThat(first.status()).isEqualTo(201);
        Answer stranger = api.post("/v1/accounts", object("email", email, "password", "another long password 42",
                "role", "INVESTOR"), null, key);
        assertThat(stranger.status()).as(stranger.toString()).isEqualTo(422);
        assertThat(stranger.problemType()).isEqualTo("idempotency-key-reused");
        assertThat(stranger.raw().body()).doesNotContain(first.json().get("id").asText());
    }

    @Test
    void anEmailHoldsOneAccountWhateverItsCase() {
        Session first = api.signUp("INVESTOR");
        Answer again = api.post("/v1/accounts", object("email", first.email().toUpperCase(),
                "password", ApiClient.PASSWORD, "role", "ARTIST"), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemType()).isEqualTo("email-taken");
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailAnswerAlike() {
        Session session = api.signUp("INVESTOR");
        Answer wrongPassword = api.post("/v1/sessions", object("email", session.email(),
                "password", "not the password at all"), null);
        Answer unknownEmail = api.post("/v1/sessions", object("email", unique(),
                "password", "not the password at all"), null);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.problemType()).isEqualTo("invalid-credentials");
        assertThat(wrongPassword.json().get("detail")).isEqualTo(unknownEmail.json().get("detail"));
    }

    @Test
    void repeatedFailuresLockTheEmailOutEvenForTheRightPassword() {
        Session session = api.signUp("INVESTOR");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(api.post("/v1/sessions", object("email", session.email(), "password", "wrong password " + attempt),
                    null).status()).isEqualTo(401);
        }
        Answer locked = api.post("/v1/sessions", object("email", session.email(), "password", ApiClient.PASSWORD),
                null);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.problemType()).isEqualTo("too-many-failed-logins");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 15 * 60L);

        // Another email is not affected.
        Session other = api.signUp("INVESTOR");
        assertThat(api.login(other.email(), ApiClient.PASSWORD).id()).isEqualTo(other.id());
    }

    @Test
    void aRefreshRotatesTheTokenAndReusingAnOldOneRevokesTheWholeLogin() {
        Session session = api.signUp("INVESTOR");
        Answer refreshed = api.post("/v1/sessions/refresh", object("refreshToken", session.refreshToken()), null);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String next = refreshed.json().get("refreshToken").asText();
        assertThat(next).isNotEqualTo(session.refreshToken());
        assertThat(api.get("/v1/me", refreshed.json().get("accessToken").asText()).status()).isEqualTo(200);

        // The first token was used: presenting it again means it was copied, so its descendants die too.
        Answer replay = api.post("/v1/sessions/refresh", object("refreshToken", session.refreshToken()), null);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.problemType()).isEqualTo("invalid-refresh-token");
        assertThat(api.post("/v1/sessions/refresh", object("refreshToken", next), null).status()).isEqualTo(401);
    }

    @Test
    void anEndedLoginsAccessTokensAreRefusedAtOnce() {
        Session session = api.signUp("INVESTOR");
        Session other = api.login(session.email(), ApiClient.PASSWORD);
        assertThat(api.get("/v1/me", session.accessToken()).status()).isEqualTo(200);
        assertThat(api.post("/v1/sessions/revoke", object("refreshToken", session.refreshToken()), null).status())
                .isEqualTo(204);
        Answer afterLogout = api.get("/v1/me", session.accessToken());
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(api.get("/v1/me", other.accessToken()).status()).as("another login goes on").isEqualTo(200);

        // A reused refresh token ends its login: the access tokens of the whole family go with it.
        Session third = api.login(session.email(), ApiClient.PASSWORD);
        Answer refreshed = api.post("/v1/sessions/refresh", object("refreshToken", third.refreshToken()), null);
        String refreshedAccess = refreshed.json().get("accessToken").asText();
        assertThat(api.get("/v1/me", refreshedAccess).status()).isEqualTo(200);
        assertThat(api.post("/v1/sessions/refresh", object("refreshToken", third.refreshToken()), null).status())
                .isEqualTo(401);
        assertThat(api.get("/v1/me", refreshedAccess).status()).isEqualTo(401);
        assertThat(api.get("/v1/me", third.accessToken()).status()).isEqualTo(401);

        // Logout everywhere: every login's access tokens, the caller's own included.
        assertThat(api.delete("/v1/me/sessions", other.accessToken()).status()).isEqualTo(204);
        assertThat(api.get("/v1/me", other.accessToken()).status()).isEqualTo(401);
        Session fresh = api.login(session.email(), ApiClient.PASSWORD);
        assertThat(api.get("/v1/me", fresh.accessToken()).status()).as("a new login works").isEqualTo(200);
    }

    @Test
    void logoutRevokesTheLoginAndLogoutEverywhereRevokesEveryLogin() {
        Session session = api.signUp("ARTIST");
        assertThat(api.post("/v1/sessions/revoke", object("refreshToken", session.refreshToken()), null).status())
                .isEqualTo(204);
        assertThat(api.post("/v1/sessions/refresh", object("refreshToken", session.refreshToken()), null).status())
                .isEqualTo(401);

        Session first = api.login(session.email(), ApiClient.PASSWORD);
        Session second = api.login(session.email(), ApiClient.PASSWORD);
        assertThat(api.delete("/v1/me/sessions", second.accessToken()).status()).isEqualTo(204);
        for (Session login : List.of(first, second)) {
            assertThat(api.post("/v1/sessions/refresh", object("refreshToken", login.refreshToken()), null)
                    .status()).isEqualTo(401);
        }
        assertThat(api.post("/v1/sessions/refresh", object("refreshToken", "rt_garbage"), null).status())
                .isEqualTo(401);
    }

    @Test
    void tokensSignedWithAnotherKeyOrExpiredAreRefused() throws Exception {
        Session session = api.signUp("INVESTOR");
        String forged = token(session.id(), "ADMIN", "another key, of at least thirty-two bytes", 60);
        assertThat(api.get("/v1/me", forged).status()).isEqualTo(401);
        String expired = token(session.id(), "INVESTOR", "a test signing key of at least thirty-two bytes", -60);
        assertThat(api.get("/v1/me", expired).status()).isEqualTo(401);
        String valid = token(session.id(), "INVESTOR", "a test signing key of at least thirty-two bytes", 60);
        assertThat(api.get("/v1/me", valid).status()).isEqualTo(200);
        assertThat(api.get("/v1/me", "not.a.jwt").status()).isEqualTo(401);
        // Signed with the right key, for an account this database does not have (another behind the same secret):
        // refused with the token (MintedClaimsValidator), not a 500 further on.
        Answer nobody = api.get("/v1/me", token(UUID.randomUUID(), "INVESTOR",
                "a test signing key of at least thirty-two bytes", 60));
        assertThat(nobody.status()).isEqualTo(401);
        assertThat(nobody.problemType()).isEqualTo("unauthenticated");
    }

    @Test
    void onlyAdminsCreateAdminsAndSeeManagementEndpoints() {
        Session investor = api.signUp("INVESTOR");
        Answer refused = api.post("/v1/admin/accounts", object("email", unique(), "password", ApiClient.PASSWORD,
                "role", "ADMIN"), investor.accessToken());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.problemType()).isEqualTo("forbidden");
        assertThat(api.get("/index-consistency", investor.accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/index-consistency", null).status()).isEqualTo(401);

        Session admin = api.admin();
        assertThat(admin.role()).isEqualTo("ADMIN");
        String email = unique();
        Answer created = api.post("/v1/admin/accounts", object("email", email, "password", ApiClient.PASSWORD,
                "role", "ADMIN"), admin.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(api.login(email, ApiClient.PASSWORD).role()).isEqualTo("ADMIN");
        assertThat(api.get("/index-consistency", admin.accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/health", null).status()).isEqualTo(200);
    }

    private static String token(UUID subject, String role, String key, int expiresInSeconds) throws Exception {
        // Shaped as the application mints them (a login of its own, "sid"): only the key and the expiry differ.
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject.toString()).claim("roles", List.of(role))
                .claim("sid", UUID.randomUUID().toString()).issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000L))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static void assertField(Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.problemType()).isEqualTo("validation");
        assertThat(answer.json().get("errors").findValuesAsText("field")).contains(field);
    }

    private static String unique() {
        return "user-" + UUID.randomUUID() + "@example.test";
    }
}
