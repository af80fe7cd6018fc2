package dev.jetway.plugin.jwtauth;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;

/**
 * Builds an {@link Issuer} from what {@code jwtAuth} and {@code mcpAuthentication} write for one: a file or inline
 * JWKS is read and parsed now (a broken one is a config error), a URL's is fetched once the gateway runs.
 */
final class IssuerBuilder {

    private final FactoryContext context;
    private final List<ConfigProblem> problems = new ArrayList<>();

    IssuerBuilder(FactoryContext context) {
        this.context = context;
    }

    /**
     * @param at the fields' prefix relative to the policy's value: {@code ""} or {@code "providers[1]."}
     * @return the issuer, or {@code null} when a problem was recorded
     */
    Issuer build(String at, String issuer, List<String> audiences, Jwks jwks, JwtValidationOptions options) {
        int before = problems.size();
        if (issuer == null || issuer.isBlank()) {
            problems.add(new ConfigProblem(at + "issuer", "issuer is required: the iss claim of accepted tokens"));
        }
        if (audiences != null && audiences.isEmpty()) {
            problems.add(new ConfigProblem(at + "audiences", "an empty audiences list accepts no token; list the"
                    + " accepted aud values, or leave audiences out to accept any"));
        }
        Set<String> required = requiredClaims(at, options);
        SigningKeys keys = keys(at, issuer, jwks);
        if (problems.size() > before) {
            return null;
        }
        return new Issuer(issuer, audiences == null ? Set.of() : Set.copyOf(audiences), required, keys);
    }

    void problem(String field, String message) {
        problems.add(new ConfigProblem(field, message));
    }

    /** @throws ConfigException with every problem recorded */
    void throwIfProblems() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private Set<String> requiredClaims(String at, JwtValidationOptions options) {
        if (options == null || options.requiredClaims() == null) {
            return Set.of("exp");
        }
        Set<String> required = new LinkedHashSet<>();
        List<String> written = options.requiredClaims();
        for (int i = 0; i < written.size(); i++) {
            String claim = written.get(i);
            if (!Issuer.REQUIRABLE_CLAIMS.contains(claim)) {
                problems.add(new ConfigProblem(at + "jwtValidationOptions.requiredClaims[" + i + "]", "\"" + claim
                        + "\" cannot be required (agentgateway does not enforce it either); allowed: aud, exp, iss, nbf, sub"));
            }
            required.add(claim);
        }
        return required;
    }

    private SigningKeys keys(String at, String issuer, Jwks jwks) {
        String field = at + "jwks";
        if (jwks == null) {
            problems.add(new ConfigProblem(field, "jwks is required: the issuer's public keys, as {file: <path>},"
                    + " {url: <https URL>} or a JWKS JSON string"));
            return null;
        }
        try {
            if (jwks.inline() != null) {
                return StaticKeys.parse(jwks.inline(), field, "the inline JWKS");
            }
            if (jwks.file() != null) {
                Path file = context.file(field + ".file", jwks.file());
                return StaticKeys.parse(Files.readString(file), field + ".file", file.toString());
            }
            URI url = httpUrl(field + ".url", jwks.url(), "the JWKS is fetched from it");
            return url == null ? null : new RemoteKeys(url.toURL(), issuer, context.httpClient());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        } catch (IOException e) {
            problems.add(new ConfigProblem(field + ".file", "cannot read " + jwks.file() + ": " + e.getMessage()));
        }
        return null;
    }

    /** {@code written} as an http(s) URL with a host, or {@code null} after recording a problem saying {@code why}. */
    URI httpUrl(String field, String written, String why) {
        try {
            URI url = new URI(written);
            if (("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                    && url.getHost() != null) {
                url.toURL();
                return url;
            }
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            // reported below
        }
        problems.add(new ConfigProblem(field, "\"" + written + "\" is not an http(s) URL with a host; " + why));
        return null;
    }
}
