package io.cadenza.jobs.statements;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A catalog the tests fill: masters and their offerings, as the API's would answer. */
public final class CatalogFixture implements RoyaltyCatalog {
    private static final AtomicLong NEXT_ISRC = new AtomicLong(System.nanoTime() % 90_000);
    private final Map<UUID, CatalogMaster> masters = new ConcurrentHashMap<>();
    private final Map<UUID, List<CatalogOffering>> offerings = new ConcurrentHashMap<>();

    /** A fresh ISRC no other test uses. */
    public static String freshIsrc() {
        long n = NEXT_ISRC.incrementAndGet();
        return "QZ-CDZ-" + String.format("%02d", (n / 100_000) % 100) + "-" + String.format("%05d", n % 100_000);
    }

    public CatalogMaster master(String isrc, int royaltyShareBps, Standing standing) {
        CatalogMaster master = new CatalogMaster(UUID.randomUUID(), isrc, UUID.randomUUID(), "Song " + isrc,
                royaltyShareBps, standing);
        masters.put(master.id(), master);
        return master;
    }

    public CatalogOffering offering(CatalogMaster master, String sharesToken, String payoutToken, long totalShares) {
        List<CatalogOffering> of = offerings.computeIfAbsent(master.id(), id -> new ArrayList<>());
        CatalogOffering offering = new CatalogOffering(UUID.randomUUID(), master.id(), sharesToken.toLowerCase(),
                payoutToken.toLowerCase(), totalShares, Instant.now().plusMillis(of.size()));
        of.add(offering);
        return offering;
    }

    public void set(CatalogMaster master) {
        masters.put(master.id(), master);
    }

    @Override
    public List<CatalogMaster> mastersWithIsrc(Collection<String> isrcs) {
        return masters.values().stream().filter(master -> isrcs.contains(master.isrc())).toList();
    }

    @Override
    public Optional<CatalogMaster> master(UUID id) {
        return Optional.ofNullable(masters.get(id));
    }

    @Override
    public List<CatalogOffering> offeringsOf(UUID masterId) {
        return List.copyOf(offerings.getOrDefault(masterId, List.of()));
    }
}
