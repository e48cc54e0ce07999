package io.cadenza.api.accounts;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.OwnApplication;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Password guessing through HTTP, with callers told apart by X-Forwarded-For: concurrent guesses check no more
 * passwords than the lockout allows; a stranger's lockout does not lock the owner out on another client; many clients
 * together slow the email down to one attempt per back-off instead of locking it; an admin lifts a lockout at once.
 */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginLockoutTest {
    private static final int FAILURES_MAX = 5;
    private static final int BACKOFF_AFTER = 8;

    private OwnApplication application;
    private ApiClient api;

    @BeforeAll
    void start(TestServices services) throws java.io.IOException {
        application = OwnApplication.start(services, Map.of(
                "cadenza.rate-limits.trust-forwarded-for", true,
                "cadenza.rate-limits.credentials-per-ip", 1_000,
                "cadenza.rate-limits.per-ip", 1_000,
                "cadenza.auth.login-failures-max", FAILURES_MAX,
                "cadenza.auth.login-backoff-after", BACKOFF_AFTER,
                "cadenza.auth.login-backoff", "2s",
                "cadenza.auth.admin-email", TestApplication.ADMIN_EMAIL,
                "cadenza.auth.admin-password", TestApplication.ADMIN_PASSWORD));
        api = application.api();
    }

    @AfterAll
    void stop() {
        application.close();
    }

    @Test
    void fiftyConcurrentWrongPasswordsCheckAtMostTheLockoutsWorth() throws Exception {
        Session owner = api.signUp("INVESTOR");
        List<Answer> answers = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(50)) {
            List<CompletableFuture<Answer>> guesses = new ArrayList<>();
            for (int guess = 0; guess < 50; guess++) {
                guesses.add(CompletableFuture.supplyAsync(() -> login(owner.email(), "wrong password 123", "10.1.0.1"),
                        callers));
            }
            for (CompletableFuture<Answer> guess : guesses) {
                answers.add(guess.get());
            }
        }
        // Only a checked password answers 401: the others are refused before, with 429.
        assertThat(answers.stream().filter(answer -> answer.status() == 401).count()).isEqualTo(FAILURES_MAX);
        assertThat(answers.stream().filter(answer -> answer.status() == 429)).hasSize(50 - FAILURES_MAX)
                .allMatch(answer -> answer.problemType().equals("too-many-failed-logins"));
    }

    @Test
    void aStrangersLockoutDoesNotLockTheOwnerOutOnTheirOwnClient() {
        Session owner = api.signUp("INVESTOR");
        for (int guess = 0; guess < FAILURES_MAX; guess++) {
            assertThat(login(owner.email(), "wrong password 123", "10.2.0.1").status()).isEqualTo(401);
        }
        assertThat(login(owner.email(), ApiClient.PASSWORD, "10.2.0.1").status()).as("the stranger's client")
                .isEqualTo(429);
        assertThat(login(owner.email(), ApiClient.PASSWORD, "10.2.0.2").status()).as("the owner's").isEqualTo(200);
    }

    @Test
    void manyClientsTogetherSlowTheEmailDownInsteadOfLockingItOut() throws Exception {
        Session owner = api.signUp("INVESTOR");
        for (int client = 0; client < BACKOFF_AFTER; client++) {
            assertThat(login(owner.email(), "wrong password 123", "10.3.0." + client).status()).isEqualTo(401);
        }
        Answer slowed = login(owner.email(), "wrong password 123", "10.3.1.1");
        assertThat(slowed.status()).as("a guess in the slow lane's interval").isEqualTo(401);
        Answer waiting = login(owner.email(), ApiClient.PASSWORD, "10.3.2.2");
        assertThat(waiting.status()).isEqualTo(429);
        long retryAfter = Long.parseLong(waiting.header("Retry-After"));
        assertThat(retryAfter).as("seconds, not the lockout's minutes").isBetween(1L, 2L);
        Thread.sleep(retryAfter * 1_000 + 100);
        assertThat(login(owner.email(), ApiClient.PASSWORD, "10.3.2.2").status()).isEqualTo(200);
    }

    @Test
    void anAdminLiftsALockoutAtOnce() {
        Session locked = api.signUp("ARTIST");
        for (int guess = 0; guess < FAILURES_MAX; guess++) {
            login(locked.email(), "wrong password 123", "10.4.0.1");
        }
        assertThat(login(locked.email(), ApiClient.PASSWORD, "10.4.0.1").status()).isEqualTo(429);
        Session admin = api.admin();
        assertThat(api.delete("/v1/admin/accounts/" + locked.id() + "/login-lockout", locked.accessToken()).status())
                .as("only admins").isEqualTo(403);
        assertThat(api.delete("/v1/admin/accounts/" + locked.id() + "/login-lockout", admin.accessToken()).status())
                .isEqualTo(204);
        assertThat(login(locked.email(), ApiClient.PASSWORD, "10.4.0.1").status()).isEqualTo(200);
    }

    private Answer login(String email, String password, String client) {
        return api.post("/v1/sessions", object("email", email, "password", password), null,
                Map.of("X-Forwarded-For", client));
    }
}
