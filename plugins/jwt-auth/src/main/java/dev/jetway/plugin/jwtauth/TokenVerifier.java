package dev.jetway.plugin.jwtauth;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Checks bearer JWTs against a policy's issuers: the header's {@code kid} picks the key among all issuers' keys (as
 * agentgateway does), the key's algorithms must include the header's {@code alg}, the signature must verify, and
 * then the claims ({@link ClaimsCheck}) of the issuer the key belongs to.
 *
 * <p>When every key is known, the answer is ready at once, on the caller's thread; only a token naming a key not
 * loaded yet waits for its issuers' JWKS URLs to be fetched again.
 */
final class TokenVerifier {

    private final List<Issuer> issuers;

    TokenVerifier(List<Issuer> issuers) {
        this.issuers = List.copyOf(issuers);
    }

    /** Makes {@code owner} start and stop the key sources that fetch (JWKS URLs) with itself. */
    void manageBy(ContainerLifeCycle owner) {
        for (Issuer issuer : issuers) {
            if (issuer.keys() instanceof LifeCycle fetching) {
                owner.addBean(fetching, true);
            }
        }
    }

    /** Completes with the verified token, or exceptionally with {@link InvalidToken}. */
    CompletableFuture<VerifiedToken> verify(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return CompletableFuture.failedFuture(new InvalidToken("malformed token"));
        }
        String kid = jwt.getHeader().getKeyID();
        if (kid == null) {
            return CompletableFuture.failedFuture(new InvalidToken("token has no key id (kid)"));
        }
        try {
            VerifiedToken now = verify(jwt, token, kid);
            if (now != null) {
                return CompletableFuture.completedFuture(now);
            }
        } catch (InvalidToken e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<?>[] refreshes = issuers.stream().map(issuer -> issuer.keys().refresh(kid))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(refreshes).thenApply(done -> {
            VerifiedToken verified = verify(jwt, token, kid);
            if (verified != null) {
                return verified;
            }
            boolean unloaded = issuers.stream().anyMatch(issuer -> !issuer.keys().loaded());
            throw new InvalidToken(unloaded ? "signing keys not available" : "unknown key id");
        });
    }

    /** The verified token, or {@code null} when no issuer knows {@code kid} now. */
    private VerifiedToken verify(SignedJWT jwt, String token, String kid) {
        for (Issuer issuer : issuers) {
            VerificationKey key = issuer.keys().find(kid);
            if (key != null) {
                return verify(jwt, token, issuer, key);
            }
        }
        return null;
    }

    private static VerifiedToken verify(SignedJWT jwt, String token, Issuer issuer, VerificationKey key) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!key.algorithms().contains(alg)) {
            throw new InvalidToken("algorithm " + alg + " not allowed for key " + key.kid());
        }
        try {
            if (!jwt.verify(key.verifier())) {
                throw new InvalidToken("invalid signature");
            }
        } catch (JOSEException | IllegalStateException e) {
            throw new InvalidToken("invalid signature");
        }
        Map<String, Object> payload = jwt.getPayload().toJSONObject();
        if (payload == null) {
            throw new InvalidToken("malformed token");
        }
        ClaimsCheck.check(payload, issuer, System.currentTimeMillis() / 1000);
        return new VerifiedToken(token, plain(payload));
    }

    /** A deep copy in plain, unmodifiable Java collections, for CEL and later policies. */
    @SuppressWarnings("unchecked")
    private static <T> T plain(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(plain(v)));
            return (T) Collections.unmodifiableList(copy);
        }
        return value;
    }
}
