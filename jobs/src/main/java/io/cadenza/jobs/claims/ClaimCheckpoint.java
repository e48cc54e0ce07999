package io.cadenza.jobs.claims;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The last final {@code Claimed} event posted to the ledger on a chain ({@code ledger_claim_checkpoint}). */
@MappedEntity("ledger_claim_checkpoint")
public record ClaimCheckpoint(@Id long chainId, long blockNumber, int logIndex) {}
