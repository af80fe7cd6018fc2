package dev.jetway.plugin.jwtauth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a missing or invalid token does ({@code mode}). */
enum Mode {
    /** A valid token is required. */
    @JsonProperty("strict") STRICT,
    /** A token, when present, must be valid; requests without one pass. */
    @JsonProperty("optional") OPTIONAL,
    /** Nothing is refused: a valid token's claims are attached, an invalid one is ignored. */
    @JsonProperty("permissive") PERMISSIVE
}
