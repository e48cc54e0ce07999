package io.cadenza.api.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.cadenza.api.pagination.Cursor;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.TestWallet;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.config.ChainConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Throughput and latency of the holdings endpoints on an offering with 1,000,000 holders by default
 * ({@code bench.holders}), next to GET /v1/ping (token check, no store) measured in the same run. A real offering is
 * launched through the API on the Hardhat node; its holders are then seeded into the indexer's projections in one statement (what is measured is the read path, not
 * how the rows got there). A closed-loop load generator with N virtual threads calls over loopback, HTTP/1.1.
 */
public final class ReadsBenchmark {
    private static final long SHARES_EACH = 100;

    private ReadsBenchmark() {}

    /** The benchmark's size: the full run's from system properties, a smoke run's from a test. */
    record Settings(int holders, int concurrency, Duration warmUp, Duration measure, int capTablePage) {
        static Settings fromSystemProperties() {
            return new Settings(Integer.getInteger("bench.holders", 1_000_000), Integer.getInteger("bench.concurrency", 8),
                    Duration.ofSeconds(Long.getLong("bench.warmUpSeconds", 10)),
                    Duration.ofSeconds(Long.getLong("bench.measureSeconds", 20)), Integer.getInteger("bench.pageSize", 20));
        }
    }

    record Result(String name, long requests, double perSecond, double p50Ms, double p99Ms) {}

    public static void main(String[] args) throws Exception {
        System.out.println(run(Settings.fromSystemProperties()));
        System.exit(0);
    }

    /** Runs the benchmark at {@code settings}' size; answers its final JSON line, or fails on any non-200 answer. */
    static String run(Settings settings) throws Exception {
        int holders = settings.holders();
        int capTablePage = settings.capTablePage();
        try (BenchmarkApplication application = new BenchmarkApplication(Map.of())) {
            ApiClient api = new ApiClient(application.server.getURI());
            CatalogFixtures catalog = new CatalogFixtures(api);
            ApiClient.Session artist = catalog.artist();
            String masterId = catalog.registeredMaster(artist);
            ApiClient.Answer created = api.post("/v1/masters/" + masterId + "/offerings",
                    CatalogFixtures.terms(holders * SHARES_EACH), artist.accessToken());
            JsonNode offering = catalog.awaitOffering(created.json().get("id").asText(), artist, "LIVE");
            ApiClient.Session investor = api.signUp("INVESTOR");
            TestWallet wallet = TestWallet.random();
            api.linkWallet(investor, wallet);
            long chainId = application.server.getApplicationContext().getBean(ChainConfiguration.class).chainId();
            seedHolders(application, chainId, offering.get("sharesAddress").asText().toLowerCase(),
                    offering.get("saleAddress").asText().toLowerCase(), wallet.address().toLowerCase(), holders);

            URI base = application.server.getURI();
            String capTable = "/v1/offerings/" + offering.get("id").asText() + "/cap-table?limit=" + capTablePage;
            JsonNode holdings = api.get("/v1/me/holdings", investor.accessToken()).json().get("data");
            if (holdings.size() != 1 || !holdings.get(0).get("shares").asText().equals(Long.toString(SHARES_EACH))) {
                throw new IllegalStateException("the seeded holding is not served: " + holdings);
            }
            if (api.get(capTable, artist.accessToken()).json().get("data").size() != capTablePage) {
                throw new IllegalStateException("the cap table is not served");
            }

            List<Result> results = new ArrayList<>();
            results.add(measure(settings, "ping", base, investor.accessToken(), () -> "/v1/ping"));
            results.add(measure(settings, "capTable", base, artist.accessToken(), () -> capTable + "&cursor="
                    + Cursor.encode(holder(ThreadLocalRandom.current().nextInt(holders)))));
            // Deep: a page among the last 1% of holders (keyset pages cost the same wherever they start; an
            // offset would scan everything before).
            int deepFrom = holders - Math.max(capTablePage, holders / 100);
            results.add(measure(settings, "capTableDeep", base, artist.accessToken(), () -> capTable + "&cursor="
                    + Cursor.encode(holder(deepFrom + ThreadLocalRandom.current().nextInt(holders - deepFrom - 1)))));
            results.add(measure(settings, "holdings", base, investor.accessToken(), () -> "/v1/me/holdings"));

            StringBuilder json = new StringBuilder("{\"benchmark\":\"reads\",\"holders\":").append(holders)
                    .append(",\"capTablePageSize\":").append(capTablePage)
                    .append(",\"concurrency\":").append(settings.concurrency()).append(",\"measureSeconds\":")
                    .append(settings.measure().toSeconds());
            double ping = results.getFirst().perSecond();
            for (Result result : results) {
                json.append(String.format(",\"%s\":{\"requests\":%d,\"perSecond\":%.0f,\"p50Ms\":%.2f,"
                                + "\"p99Ms\":%.2f,\"ofPing\":%.2f}", result.name(), result.requests(),
                        result.perSecond(), result.p50Ms(), result.p99Ms(), result.perSecond() / ping));
            }
            json.append(",\"synchronousCommit\":\"")
                    .append(TestServices.setting(application.services.dataSource(), "synchronous_commit"))
                    .append("\",\"cpus\":").append(Runtime.getRuntime().availableProcessors()).append(",\"java\":\"")
                    .append(System.getProperty("java.version")).append("\"}");
            return json.toString();
        }
    }

    private static String holder(int index) {
        return String.format("0x%040x", 0x1000000L + index);
    }

    /**
     * `holders` holders of 100 shares each (the investor's wallet among them), the sale holding none: what the
     * indexer would have projected after as many purchases.
     */
    private static void seedHolders(BenchmarkApplication application, long chainId, String shares, String sale,
            String investorWallet, int holders) throws Exception {
        try (Connection connection = application.services.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement seed = connection.prepareStatement("insert into idx_holder"
                    + " (chain_id, token, holder, balance, correction, first_block)"
                    + " select ?, ?, '0x' || lpad(to_hex(16777216 + i), 40, '0'), ?, 0, 1"
                    + " from generate_series(0, ? - 2) as i")) {
                seed.setLong(1, chainId);
                seed.setString(2, shares);
                seed.setLong(3, SHARES_EACH);
                seed.setInt(4, holders);
                seed.executeUpdate();
            }
            try (PreparedStatement investor = connection.prepareStatement("insert into idx_holder"
                    + " (chain_id, token, holder, balance, correction, first_block) values (?, ?, ?, ?, 0, 1)")) {
                investor.setLong(1, chainId);
                investor.setString(2, shares);
                investor.setString(3, investorWallet);
                investor.setLong(4, SHARES_EACH);
                investor.executeUpdate();
            }
            try (PreparedStatement sold = connection.prepareStatement(
                    "update idx_holder set balance = 0 where chain_id = ? and token = ? and holder = ?")) {
                sold.setLong(1, chainId);
                sold.setString(2, shares);
                sold.setString(3, sale);
                sold.executeUpdate();
            }
            connection.commit();
            try (PreparedStatement analyze = connection.prepareStatement("analyze idx_holder")) {
                analyze.execute();
            }
        }
    }

    static Result measure(Settings settings, String name, URI base, String token, Supplier<String> path)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        run(http, base, token, path, settings.concurrency(), settings.warmUp(), null);
        List<long[]> latencies = new ArrayList<>();
        long started = System.nanoTime();
        long requests = run(http, base, token, path, settings.concurrency(), settings.measure(), latencies);
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).filter(latency -> latency > 0).sorted()
                .toArray();
        return new Result(name, requests, requests / seconds, all[all.length / 2] / 1e6,
                all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1e6);
    }

    /**
     * Runs the closed loop for {@code duration}; answers the requests completed. Every answer that is not a 200 (or
     * a request that fails) is counted, the loop goes on, and any at all fails the run: a benchmark of errors
     * measures nothing.
     */
    private static long run(HttpClient http, URI base, String token, Supplier<String> path, int concurrency,
            Duration duration, List<long[]> latencies) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        long[] counts = new long[concurrency];
        for (int worker = 0; worker < concurrency; worker++) {
            int index = worker;
            long[] mine = new long[250_000];
            if (latencies != null) {
                latencies.add(mine);
            }
            workers.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    HttpRequest request = HttpRequest.newBuilder(base.resolve(path.get()))
                            .header("Authorization", "Bearer " + token).GET().build();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, response.statusCode() + " " + new String(response.body()));
                            continue;
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                        continue;
                    }
                    if (counts[index] < mine.length) {
                        mine[(int) counts[index]] = System.nanoTime() - sent;
                    }
                    counts[index]++;
                }
            }));
        }
        Thread.sleep(duration.toMillis());
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        long succeeded = Arrays.stream(counts).sum();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + (succeeded + failures.get())
                    + " answers were not 200; the first: " + firstFailure.get());
        }
        return succeeded;
    }
}
