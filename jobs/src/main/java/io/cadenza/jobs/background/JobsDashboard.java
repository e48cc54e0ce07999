package io.cadenza.jobs.background;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jobrunr.dashboard.JobRunrApiHandler;
import org.jobrunr.dashboard.JobRunrSseHandler;
import org.jobrunr.dashboard.JobRunrStaticFileHandler;
import org.jobrunr.dashboard.server.HttpExchangeHandler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JobRunr's dashboard on its own port and interface. JobRunr's {@code JobRunrDashboardWebServer} binds every interface
 * and leaves its static files unauthenticated; this serves the same handlers from a server bound where configured,
 * with every path behind basic authentication (credentials compared in constant time).
 */
public final class JobsDashboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobsDashboard.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<HttpExchangeHandler> handlers;

    public JobsDashboard(StorageProvider storage, JsonMapper mapper, JobsConfiguration.Dashboard configuration) {
        if (!configuration.served()) {
            throw new IllegalArgumentException("the dashboard needs a password");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(configuration.host(), configuration.port()), 0);
        } catch (IOException failure) {
            throw new UncheckedIOException("could not serve the jobs dashboard on " + configuration.host() + ":"
                    + configuration.port(), failure);
        }
        handlers = List.of(new JobRunrStaticFileHandler(), new JobRunrApiHandler(storage, mapper, false),
                new JobRunrSseHandler(storage, mapper));
        BasicAuthenticator authenticator = new Credentials(configuration.username(), configuration.password());
        HttpContext root = server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "/dashboard");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        root.setAuthenticator(authenticator);
        for (HttpExchangeHandler handler : handlers) {
            server.createContext(handler.getContextPath(), handler).setAuthenticator(authenticator);
        }
        executor = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("jobs-dashboard-", 0).daemon().factory());
        server.setExecutor(executor);
        server.start();
        LOG.info("jobs dashboard at http://{}:{}/dashboard", configuration.host(), port());
    }

    /** The port it listens on (the configured one, or the one chosen for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public String address() {
        return "http://" + server.getAddress().getHostString() + ":" + port() + "/dashboard";
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.forEach(HttpExchangeHandler::close);
        executor.shutdownNow();
    }

    private static final class Credentials extends BasicAuthenticator {
        private final byte[] username;
        private final byte[] password;

        Credentials(String username, String password) {
            super("Cadenza jobs", StandardCharsets.UTF_8);
            this.username = username.getBytes(StandardCharsets.UTF_8);
            this.password = password.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean checkCredentials(String user, String pass) {
            // Both compared, always: which one was wrong must not show in the time taken.
            boolean userMatches = MessageDigest.isEqual(username, user.getBytes(StandardCharsets.UTF_8));
            boolean passwordMatches = MessageDigest.isEqual(password, pass.getBytes(StandardCharsets.UTF_8));
            return userMatches & passwordMatches;
        }
    }
}
