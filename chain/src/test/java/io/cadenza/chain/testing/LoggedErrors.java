package io.cadenza.chain.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The ERROR lines one class logs while this is open: to check that a failure is said, and said once. Read them with
 * {@link #messages()}, during or after.
 */
public final class LoggedErrors implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> recorded = new ListAppender<>();

    private LoggedErrors(Class<?> source) {
        this.logger = (Logger) LoggerFactory.getLogger(source);
        recorded.start();
        logger.addAppender(recorded);
    }

    public static LoggedErrors of(Class<?> source) {
        return new LoggedErrors(source);
    }

    /** The ERROR lines so far, formatted. */
    public List<String> messages() {
        synchronized (recorded.list) {
            return recorded.list.stream().filter(event -> event.getLevel() == Level.ERROR)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(recorded);
    }
}
