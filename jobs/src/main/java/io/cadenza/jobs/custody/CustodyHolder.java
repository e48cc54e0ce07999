package io.cadenza.jobs.custody;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** An investor's custody address ({@code custody_holder}), the slot it is derived at. */
@MappedEntity("custody_holder")
public record CustodyHolder(@Id UUID accountId, int derivationIndex, String address, Instant createdAt) {}
