package io.cadenza.api.offerings;

import io.cadenza.api.masters.MasterStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What never changes about a created offering, kept in memory for the hot read paths (cap table, holdings): its
 * share token, and the artist who owns it. An offering enters only once its share token is known; an offering's
 * master, artist and token never change afterwards, so entries are never stale. Bounded: past
 * {@link #ENTRIES_MAX} the map is cleared and refilled from the store.
 */
@Singleton
public class OfferingDirectory {
    public static final int ENTRIES_MAX = 100_000;

    /** An offering's fixed facts. */
    public record Entry(UUID offeringId, UUID masterId, UUID artistId, String sharesAddress) {}

    private final OfferingStore offerings;
    private final MasterStore masters;
    private final Map<UUID, Entry> byId = new ConcurrentHashMap<>();
    private final Map<String, Entry> byShares = new ConcurrentHashMap<>();

    public OfferingDirectory(OfferingStore offerings, MasterStore masters) {
        this.offerings = offerings;
        this.masters = masters;
    }

    /** The created offering's facts; empty while it has no share token (or does not exist). */
    public Optional<Entry> find(UUID offeringId) {
        Entry cached = byId.get(offeringId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return offerings.find(offeringId).flatMap(this::remember);
    }

    /** The entries of the share tokens this API created, among {@code sharesAddresses} (lower-case). */
    public Map<String, Entry> bySharesAddress(List<String> sharesAddresses) {
        Map<String, Entry> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String shares : sharesAddresses) {
            Entry cached = byShares.get(shares);
            if (cached != null) {
                found.put(shares, cached);
            } else {
                missing.add(shares);
            }
        }
        for (Offering offering : offerings.bySharesAddress(missing).values()) {
            remember(offering).ifPresent(entry -> found.put(entry.sharesAddress(), entry));
        }
        return found;
    }

    private Optional<Entry> remember(@Nullable Offering offering) {
        if (offering == null || offering.sharesAddress() == null) {
            return Optional.empty();
        }
        return masters.find(offering.masterId()).map(master -> {
            Entry entry = new Entry(offering.id(), master.id(), master.artistId(), offering.sharesAddress());
            if (byId.size() >= ENTRIES_MAX) {
                byId.clear();
                byShares.clear();
            }
            byId.put(entry.offeringId(), entry);
            byShares.put(entry.sharesAddress(), entry);
            return entry;
        });
    }
}
