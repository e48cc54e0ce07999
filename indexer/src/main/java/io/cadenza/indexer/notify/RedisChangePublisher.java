package io.cadenza.indexer.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.api.StatefulRedisConnection;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes each change as JSON on the chain's Redis channel, {@code cadenza:index:<chainId>}. */
public final class RedisChangePublisher implements IndexChangeListener {
    private static final Logger LOG = LoggerFactory.getLogger(RedisChangePublisher.class);
    /** A publish that takes longer is abandoned: the indexer does not wait on Redis. */
    private static final long PUBLISH_TIMEOUT_MS = 2_000;

    private final StatefulRedisConnection<String, String> redis;
    private final ObjectMapper mapper = new ObjectMapper();

    public RedisChangePublisher(StatefulRedisConnection<String, String> redis) {
        this.redis = redis;
    }

    /** The prefix of every chain's channel: subscribers listen on {@code CHANNEL_PREFIX + "*"}. */
    public static final String CHANNEL_PREFIX = "cadenza:index:";

    public static String channelOf(long chainId) {
        return CHANNEL_PREFIX + chainId;
    }

    @Override
    public void indexChanged(IndexChange change) {
        try {
            redis.async().publish(channelOf(change.chainId()), json(change)).get(PUBLISH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (Exception failure) {
            LOG.warn("publishing the change of chain {} up to block {} failed: {}", change.chainId(), change.toBlock(),
                    failure.toString());
        }
    }

    String json(IndexChange change) throws JsonProcessingException {
        ObjectNode node = mapper.createObjectNode()
                .put("chainId", change.chainId())
                .put("kind", change.kind().name())
                .put("fromBlock", change.fromBlock())
                .put("toBlock", change.toBlock())
                .put("blockHash", change.blockHash())
                .put("logCount", change.logCount())
                .put("offeringsCreated", change.changes().offeringsCreated())
                .put("transfers", change.changes().transfers())
                .put("purchases", change.changes().purchases())
                .put("issues", change.changes().issues())
                .put("distributions", change.changes().distributions())
                .put("claims", change.changes().claims());
        change.changes().tokens().stream().sorted().forEach(node.putArray("tokens")::add);
        change.changes().sales().stream().sorted().forEach(node.putArray("sales")::add);
        change.changes().masters().stream().sorted().map(BigInteger::toString).forEach(node.putArray("masters")::add);
        return mapper.writeValueAsString(node);
    }
}
