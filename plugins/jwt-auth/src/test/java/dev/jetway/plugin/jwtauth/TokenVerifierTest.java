package dev.jetway.plugin.jwtauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jetway.plugin.jwtauth.testing.TestKeys;
import org.junit.jupiter.api.Test;

/** The signature algorithms a key accepts: its type's family, or only the one its JWK pins with {@code alg}. */
class TokenVerifierTest {

    private static String verify(JWK published, JWSAlgorithm alg, JWSSigner signer) throws Exception {
        TokenVerifier verifier = new TokenVerifier(List.of(new Issuer("idp", Set.of(), Set.of("exp"),
                StaticKeys.parse(TestKeys.jwks(published), "jwks", "test"))));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(published.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer("idp").expirationTime(Date.from(Instant.now().plusSeconds(60))).build());
        jwt.sign(signer);
        try {
            return "ok " + verifier.verify(jwt.serialize()).join().claims().get("iss");
        } catch (CompletionException e) {
            return ((InvalidToken) e.getCause()).reason();
        }
    }

    @Test
    void rsaKeysSignWithRsAndPsUnlessTheirJwkPinsOne() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("r").generate();
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384)) {
            assertEquals("ok idp", verify(rsa, alg, new RSASSASigner(rsa)), alg.getName());
        }
        RSAKey pinned = new RSAKeyGenerator(2048).keyID("p").algorithm(JWSAlgorithm.RS256).generate();
        assertEquals("ok idp", verify(pinned, JWSAlgorithm.RS256, new RSASSASigner(pinned)));
        assertEquals("algorithm PS256 not allowed for key p", verify(pinned, JWSAlgorithm.PS256, new RSASSASigner(pinned)));
    }

    @Test
    void ecKeysSignWithTheAlgorithmOfTheirCurve() throws Exception {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("e").generate();
        assertEquals("ok idp", verify(p384, JWSAlgorithm.ES384, new ECDSASigner(p384)));
        ECKey p256 = new ECKeyGenerator(Curve.P_256).keyID("e2").generate();
        assertEquals("algorithm ES384 not allowed for key e2", verify(p256, JWSAlgorithm.ES384, new ECDSASigner(p384)));
    }
}
