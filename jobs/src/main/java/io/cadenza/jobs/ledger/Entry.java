package io.cadenza.jobs.ledger;

import io.micronaut.core.annotation.Nullable;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A balanced set of postings, and what caused it: {@code businessKey} (the event: a statement's approval, a
 * distribution's confirmation; unique, so that a job that runs twice posts once), a description, when it happened,
 * and, for a correction, the entry it reverses. Checked here: at least two postings, each asset summing to zero.
 */
public record Entry(String businessKey, String description, Instant occurredAt, List<Posting> postings,
        @Nullable Long reverses) {

    public Entry {
        if (businessKey == null || businessKey.isEmpty() || businessKey.length() > 200) {
            throw new IllegalArgumentException("a business key is 1 to 200 characters");
        }
        if (description == null || description.isEmpty() || description.length() > 500) {
            throw new IllegalArgumentException("a description is 1 to 500 characters");
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
        postings = List.copyOf(postings);
        if (postings.size() < 2) {
            throw new UnbalancedEntryException("entry " + businessKey + " has fewer than two postings");
        }
        Map<String, BigInteger> sums = new TreeMap<>();
        for (Posting posting : postings) {
            sums.merge(posting.account().asset().code(), posting.amount(), BigInteger::add);
        }
        sums.forEach((asset, sum) -> {
            if (sum.signum() != 0) {
                throw new UnbalancedEntryException("entry " + businessKey + " does not balance in " + asset
                        + ": its postings sum to " + sum);
            }
        });
    }

    public Entry(String businessKey, String description, Instant occurredAt, List<Posting> postings) {
        this(businessKey, description, occurredAt, postings, null);
    }
}
