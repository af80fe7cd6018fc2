package dev.jetway.plugin.jwtauth;

import java.util.List;

/**
 * {@code jwtAuth}, agentgateway's LocalJwtConfig: one provider written inline ({@code issuer}, {@code audiences},
 * {@code jwks}, {@code jwtValidationOptions}) or several under {@code providers}, and the {@code mode}.
 */
record JwtAuthConfig(Mode mode, String issuer, List<String> audiences, Jwks jwks,
                     JwtValidationOptions jwtValidationOptions, List<ProviderConfig> providers) {

    /** One issuer of {@code providers}. */
    record ProviderConfig(String issuer, List<String> audiences, Jwks jwks, JwtValidationOptions jwtValidationOptions) {
    }
}
