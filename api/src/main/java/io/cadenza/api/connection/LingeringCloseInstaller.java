package io.cadenza.api.connection;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Puts a {@link LingeringClose} after the HTTP/1 codec of every connection the server accepts. */
@Singleton
class LingeringCloseInstaller implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    /** Meter of lingering closes by how they ended: refused uploads, and how their clients behaved. */
    static final String CLOSES_METER = "cadenza.http.lingering.closes";
    /** Long enough for a client on a slow link to finish a body of some megabytes, short enough to free the socket. */
    static final Duration LINGER_MAX = Duration.ofSeconds(10);
    /** A client that stopped sending has read its answer or never will. */
    static final Duration QUIET_MAX = Duration.ofSeconds(2);
    private static final String NAME = "cadenza-lingering-close";

    private final LingeringClose.Endings endings;

    LingeringCloseInstaller(MeterRegistry meters) {
        Map<LingeringClose.Ending, Counter> counters = new EnumMap<>(LingeringClose.Ending.class);
        for (LingeringClose.Ending ending : LingeringClose.Ending.values()) {
            counters.put(ending, Counter.builder(CLOSES_METER).tag("ended", ending.name().toLowerCase(Locale.ROOT))
                    .description("connections closed after a refused request body, by how they ended")
                    .register(meters));
        }
        this.endings = ending -> counters.get(ending).increment();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION && channel instanceof DuplexChannel ? forConnection(channel)
                        : this;
            }
        });
        return event.getBean();
    }

    private NettyServerCustomizer forConnection(Channel channel) {
        return new NettyServerCustomizer() {
            @Override
            public void onStreamPipelineBuilt() {
                ChannelPipeline pipeline = channel.pipeline();
                if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null && pipeline.get(NAME) == null) {
                    pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, NAME,
                            new LingeringClose(LINGER_MAX, QUIET_MAX, endings));
                }
            }
        };
    }
}
