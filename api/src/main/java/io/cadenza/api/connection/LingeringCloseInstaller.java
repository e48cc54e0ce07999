package io.cadenza.api.connection;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Puts a {@link LingeringClose} after the HTTP/1 codec of every connection the server accepts. */
@Singleton
class LingeringCloseInstaller implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    /** Long enough for a client on a slow link to finish a body of some megabytes, short enough to free the socket. */
    static final Duration LINGER_MAX = Duration.ofSeconds(10);
    /** A client that stopped sending has read its answer or never will. */
    static final Duration QUIET_MAX = Duration.ofSeconds(2);
    private static final String NAME = "cadenza-lingering-close";

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION && channel instanceof DuplexChannel ? forConnection(channel) : this;
            }
        });
        return event.getBean();
    }

    private static NettyServerCustomizer forConnection(Channel channel) {
        return new NettyServerCustomizer() {
            @Override
            public void onStreamPipelineBuilt() {
                ChannelPipeline pipeline = channel.pipeline();
                if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null && pipeline.get(NAME) == null) {
                    pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, NAME,
                            new LingeringClose(LINGER_MAX, QUIET_MAX));
                }
            }
        };
    }
}
