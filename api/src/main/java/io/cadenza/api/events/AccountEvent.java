package io.cadenza.api.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of an account, as streamed: its position in the account's stream (the SSE id), its type (the SSE event
 * name) and its JSON data.
 */
public record AccountEvent(long id, UUID accountId, String type, String data, Instant createdAt) {}
