package io.cadenza.api.accounts;

/** What an account may do. ADMIN is never chosen at sign-up: configuration or another admin creates admins. */
public enum Role {
    ARTIST,
    INVESTOR,
    ADMIN
}
