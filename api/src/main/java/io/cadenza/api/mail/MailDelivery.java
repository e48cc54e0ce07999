package io.cadenza.api.mail;

import io.cadenza.api.text.Sha256;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.email.Email;
import io.micronaut.email.EmailSender;
import io.micronaut.email.MultipartBody;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends account mail off the request path: the request that asked for it answers at once, the same whether a
 * message goes out or not (a reset for an unknown email looks, and takes, like one for a known email). At most
 * {@code perAddressPerHour} messages go to one address an hour, counted in Redis across instances.
 *
 * <p>A message lost to a crash before it was sent is asked for again by its user (the flows all have a resend); the
 * token in it is only ever stored hashed, and never logged.
 */
@Singleton
public class MailDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailDelivery.class);
    private static final String COUNT_PREFIX = "cadenza:mail-sent:";

    private final EmailSender<?, ?> sender;
    private final MailConfiguration configuration;
    private final StatefulRedisConnection<String, String> redis;
    private final Clock clock;
    /** Messages waiting for a sender at most: beyond it (a flood of requests) new ones are dropped, and logged. */
    static final int QUEUE_MAX = 10_000;

    private final ExecutorService senders = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_MAX), Thread.ofPlatform().name("mail-", 0).daemon(true).factory(),
            (dropped, pool) -> LOG.warn("account mail dropped: {} messages are waiting to be sent", QUEUE_MAX));

    public MailDelivery(EmailSender<?, ?> sender, MailConfiguration configuration,
            StatefulRedisConnection<String, String> redis, Clock clock) {
        this.sender = sender;
        this.configuration = configuration;
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * Runs {@code prepare} off the request path and sends what it answers to its address, unless the address had its
     * hour's share. {@code prepare} answers null when there is nothing to send (no such account, say).
     */
    public void later(String purpose, Supplier<Addressed> prepare) {
        senders.execute(() -> {
            try {
                Addressed mail = prepare.get();
                if (mail == null) {
                    return;
                }
                if (!withinHourlyShare(mail.addressKey())) {
                    LOG.info("{} mail to account {} not sent: its address had {} messages this hour", purpose,
                            mail.accountId(), configuration.perAddressPerHour());
                    return;
                }
                sender.send(Email.builder().from(configuration.from()).to(mail.to())
                        .subject(mail.message().subject())
                        .body(new MultipartBody(mail.message().html(), mail.message().text())));
                LOG.info("{} mail sent to account {}", purpose, mail.accountId());
            } catch (RuntimeException failure) {
                LOG.warn("{} mail could not be sent: {}", purpose, failure.toString());
            }
        });
    }

    /** A message for one account's address. */
    public record Addressed(UUID accountId, String to, String addressKey, MailTemplate.Message message) {}

    private boolean withinHourlyShare(String addressKey) {
        long hour = clock.instant().getEpochSecond() / 3600;
        // The address as a hash: Redis holds no email addresses.
        String key = COUNT_PREFIX + hour + ":" + java.util.HexFormat.of().formatHex(Sha256.of(addressKey));
        long sent = redis.sync().incr(key);
        if (sent == 1) {
            redis.sync().expire(key, 3600);
        }
        return sent <= configuration.perAddressPerHour();
    }

    @PreDestroy
    @Override
    public void close() throws InterruptedException {
        senders.shutdown();
        if (!senders.awaitTermination(10, TimeUnit.SECONDS)) {
            senders.shutdownNow();
        }
    }
}
