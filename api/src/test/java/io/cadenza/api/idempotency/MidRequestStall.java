package io.cadenza.api.idempotency;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * For crash tests of a real process only (enabled by a property the tests set). A request carrying {@link #HEADER}
 * stops where its value says, prints {@link #MARKER} on standard output, and waits to be killed:
 * <ul>
 *   <li>{@code storing-answer}: as the Idempotency-Key's answer is being stored;
 *   <li>{@code answering}: once the controller is done, before the answer leaves (everything has committed).
 * </ul>
 */
public final class MidRequestStall {
    public static final String ENABLED = "cadenza.test.stall";
    public static final String HEADER = "X-Test-Stall";
    public static final String MARKER = "STALLED";

    private MidRequestStall() {}

    static void stall(String where) {
        System.out.println(MARKER + " " + where);
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean asked(String where) {
        return ServerRequestContext.currentRequest().map(request -> where.equals(request.getHeaders().get(HEADER)))
                .orElse(false);
    }

    /** Stalls in {@link IdempotencyKeys#complete} for requests that ask for it. */
    @Singleton
    @Requires(property = ENABLED, value = "true")
    public static final class WhileStoringTheAnswer implements BeanCreatedEventListener<IdempotencyKeys> {
        @Override
        public IdempotencyKeys onCreated(BeanCreatedEvent<IdempotencyKeys> event) {
            IdempotencyKeys keys = event.getBean();
            return (IdempotencyKeys) Proxy.newProxyInstance(IdempotencyKeys.class.getClassLoader(),
                    new Class<?>[] {IdempotencyKeys.class}, (proxy, method, arguments) -> {
                        if (method.getName().equals("complete") && asked("storing-answer")) {
                            stall("storing-answer");
                        }
                        try {
                            return method.invoke(keys, arguments);
                        } catch (InvocationTargetException failed) {
                            throw failed.getCause();
                        }
                    });
        }
    }

    /** Holds back the answer of requests that ask for it, once the controller is done. */
    @ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
    @Requires(property = ENABLED, value = "true")
    public static final class BeforeAnswering {
        @ResponseFilter
        @ExecuteOn(TaskExecutors.BLOCKING)
        public void holdTheAnswer(HttpRequest<?> request, MutableHttpResponse<?> response) {
            if ("answering".equals(request.getHeaders().get(HEADER))) {
                stall("answering " + response.code());
            }
        }
    }
}
