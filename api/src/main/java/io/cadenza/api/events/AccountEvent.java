package io.cadenza.api.events;

import io.micronaut.core.annotation.Introspected;
import java.time.Instant;
import java.util.UUID;

/**
 * One event of an account, as streamed: its position in the account's stream (the SSE id), its type (the SSE event
 * name) and its JSON data.
 */
@Introspected
public record AccountEvent(long id, UUID accountId, String type, String data, Instant createdAt) {}
