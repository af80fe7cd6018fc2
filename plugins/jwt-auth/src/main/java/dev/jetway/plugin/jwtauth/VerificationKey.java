package dev.jetway.plugin.jwtauth;

import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * One signing key of a JWKS, ready to check signatures: its verifier is built once, not per request, and it accepts
 * only the algorithms its key type can sign with, or only the one its JWK's {@code alg} pins.
 */
record VerificationKey(String kid, Set<JWSAlgorithm> algorithms, JWSVerifier verifier) {

    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    /**
     * @throws IllegalArgumentException saying why the key cannot check signatures: no {@code kid}, a key for
     *                                  encryption, a type other than RSA and EC, an {@code alg} its type cannot use
     */
    static VerificationKey of(JWK jwk) {
        String kid = jwk.getKeyID();
        if (kid == null || kid.isEmpty()) {
            throw new IllegalArgumentException("a key has no \"kid\"; every key needs one, as tokens are matched to"
                    + " keys by their kid");
        }
        if (KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
            throw new IllegalArgumentException("key \"" + kid + "\" is for encryption (use: enc), not signatures");
        }
        try {
            if (jwk instanceof RSAKey rsa) {
                return new VerificationKey(kid, pinned(jwk, RSA), new RSASSAVerifier(rsa.toPublicJWK()));
            }
            if (jwk instanceof ECKey ec) {
                Set<JWSAlgorithm> forCurve = Set.of(ECDSA.resolveAlgorithm(ec.getCurve()));
                return new VerificationKey(kid, pinned(jwk, forCurve), new ECDSAVerifier(ec.toPublicJWK()));
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("key \"" + kid + "\" cannot check signatures: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("key \"" + kid + "\" is of type " + jwk.getKeyType()
                + "; supported key types: RSA (RS256/384/512, PS256/384/512) and EC (ES256, ES384, ES512)");
    }

    private static Set<JWSAlgorithm> pinned(JWK jwk, Set<JWSAlgorithm> family) {
        if (jwk.getAlgorithm() == null) {
            return family;
        }
        JWSAlgorithm pinned = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
        if (!family.contains(pinned)) {
            throw new IllegalArgumentException("key \"" + jwk.getKeyID() + "\" names alg " + pinned
                    + ", which a " + jwk.getKeyType() + " key cannot sign with; allowed: " + family);
        }
        return Set.of(pinned);
    }
}
