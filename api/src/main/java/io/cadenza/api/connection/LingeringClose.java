package io.cadenza.api.connection;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelOutputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP/1 connection whose request body is still arriving the way nginx's {@code lingering_close} does:
 * the answer is sent, the server's side is half-closed, and what the client still sends is read and dropped for a
 * bounded time before the socket closes.
 *
 * <p>Closing a socket with unread bytes makes the kernel reset it, and a reset throws away the answer the client has
 * not read yet. Clients that send their whole body before reading (the JDK's HttpClient among them) would then see a
 * dead connection instead of the {@code 413} or {@code 415} that refused their upload.
 *
 * <p>Sits right after the HTTP codec, so it sees where each request body ends. One instance per connection.
 */
final class LingeringClose extends ChannelDuplexHandler {
    /**
     * How a lingering connection ended: its body arrived whole, its client went quiet, the linger bound came, the
     * server closed it meanwhile (shutting down), or the half-close itself failed.
     */
    enum Ending {
        BODY,
        QUIET,
        BOUND,
        CLOSED,
        HALF_CLOSE_FAILED
    }

    /** Told each time a lingering connection closes, and why (a meter). */
    @FunctionalInterface
    interface Endings {
        void ended(Ending ending);
    }

    private final Duration lingerMax;
    private final Duration quietMax;
    private final Endings endings;

    private boolean bodyArriving;
    private ChannelPromise pendingClose;
    private long lastReadNanos;
    private long lingerEndsNanos;
    private ScheduledFuture<?> check;

    LingeringClose(Duration lingerMax, Duration quietMax, Endings endings) {
        this.lingerMax = lingerMax;
        this.quietMax = quietMax;
        this.endings = endings;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (pendingClose != null) {
            lastReadNanos = System.nanoTime();
            boolean bodyEnded = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (bodyEnded) {
                closeNow(ctx, Ending.BODY);
            }
            return;
        }
        if (msg instanceof HttpRequest) {
            bodyArriving = true;
        }
        if (msg instanceof LastHttpContent) {
            bodyArriving = false;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (pendingClose != null) {
            ctx.read(); // the application no longer asks for bytes; the drain does
            return;
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (pendingClose != null && event == ChannelOutputShutdownEvent.INSTANCE) {
            return; // our own half-close, nothing for the application to act on
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (pendingClose != null) {
            closeNow(ctx, Ending.CLOSED);
            ctx.close(promise);
            return;
        }
        if (!bodyArriving || !ctx.channel().isActive() || !(ctx.channel() instanceof DuplexChannel channel)
                || channel.isInputShutdown() || !everythingWritten(ctx)) {
            ctx.close(promise);
            return;
        }
        pendingClose = promise;
        long now = System.nanoTime();
        lastReadNanos = now;
        lingerEndsNanos = now + lingerMax.toNanos();
        channel.shutdownOutput().addListener(shutdown -> {
            if (!shutdown.isSuccess()) {
                closeNow(ctx, Ending.HALF_CLOSE_FAILED);
            }
        });
        long period = Math.max(1, quietMax.toMillis() / 4);
        check = ctx.executor().scheduleAtFixedRate(() -> closeWhenDone(ctx), period, period, TimeUnit.MILLISECONDS);
        ctx.read();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelCheck();
        ctx.fireChannelInactive();
    }

    private void closeWhenDone(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        if (now - lastReadNanos >= quietMax.toNanos()) {
            closeNow(ctx, Ending.QUIET);
        } else if (now - lingerEndsNanos >= 0) {
            closeNow(ctx, Ending.BOUND);
        }
    }

    private void closeNow(ChannelHandlerContext ctx, Ending ending) {
        cancelCheck();
        ChannelPromise promise = pendingClose;
        if (promise != null) {
            pendingClose = null;
            ctx.close(promise);
            endings.ended(ending);
        }
    }

    private void cancelCheck() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    /** A half-close fails writes still queued, so only an answer already handed to the kernel lingers. */
    private static boolean everythingWritten(ChannelHandlerContext ctx) {
        ChannelOutboundBuffer queued = ctx.channel().unsafe().outboundBuffer();
        return queued == null || queued.isEmpty();
    }
}
