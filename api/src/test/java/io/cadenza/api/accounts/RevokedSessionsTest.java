package io.cadenza.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.scheduling.ScheduledExecutorTaskScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Ended logins on a real (embedded) Redis, as two instances of the API see them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevokedSessionsTest {
    private static final AuthConfiguration AUTH = new AuthConfiguration(null, Duration.ofMinutes(15),
            Duration.ofDays(30), 5, Duration.ofMinutes(15), 20, Duration.ofSeconds(30), null, null, null,
            Duration.ofMinutes(5));

    private TestRedis redisServer;
    private RedisClient client;
    private StatefulRedisConnection<String, String> redis;
    private ScheduledExecutorService executor;

    @BeforeAll
    void start() {
        redisServer = new TestRedis();
        client = RedisClient.create(redisServer.uri().toString());
        redis = client.connect();
        executor = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    void stop() {
        executor.shutdownNow();
        redis.close();
        client.shutdown();
        redisServer.close();
    }

    @Test
    void aLoginEndedOnOneInstanceIsRefusedByAnotherAfterItsSync() {
        RevokedSessions first = instance(Clock.systemUTC());
        RevokedSessions second = instance(Clock.systemUTC());
        UUID session = UUID.randomUUID();

        first.revoke(List.of(session));
        assertThat(first.isRevoked(session.toString())).as("at once where it ended").isTrue();

        second.sync();
        assertThat(second.isRevoked(session.toString())).isTrue();
        assertThat(second.isRevoked(UUID.randomUUID().toString())).isFalse();
        RevokedSessions started = instance(Clock.systemUTC());
        started.sync(); // an instance started later learns it too
        assertThat(started.isRevoked(session.toString())).isTrue();
    }

    @Test
    void anEndedLoginIsForgottenOnceItsTokensHaveExpired() {
        UUID session = UUID.randomUUID();
        instance(Clock.systemUTC()).revoke(List.of(session));
        Instant later = Instant.now().plus(AUTH.accessTokenLifetime()).plus(Duration.ofMinutes(2));
        RevokedSessions afterwards = instance(Clock.fixed(later, ZoneOffset.UTC));
        afterwards.sync();
        assertThat(afterwards.isRevoked(session.toString())).isFalse();
        assertThat(redis.sync().pttl(RevokedSessions.KEY_PREFIX + session))
                .isBetween(1L, AUTH.accessTokenLifetime().plusMinutes(1).toMillis());
    }

    private RevokedSessions instance(Clock clock) {
        // A sync interval far beyond the test: each test syncs by hand.
        return new RevokedSessions(redis, AUTH, clock, new ScheduledExecutorTaskScheduler(executor),
                Duration.ofHours(1));
    }
}
