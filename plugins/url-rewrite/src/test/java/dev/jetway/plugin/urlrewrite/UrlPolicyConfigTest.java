package dev.jetway.plugin.urlrewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config errors of {@code urlRewrite} and {@code requestRedirect}, as users see them. */
class UrlPolicyConfigTest {

    @TempDir
    Path dir;

    private List<String> problems(String policies) {
        return TestGateway.policyProblems(policies, dir);
    }

    @Test
    void authorityShapesAreChecked() {
        assertEquals(List.of(
                "<inline>:6:33: binds[0].listeners[0].routes[0].policies.urlRewrite.authority: invalid value \"bogus\";"
                        + " expected \"auto\", \"none\", {full: \"host:port\"}, {host: \"host\"} or {port: 8080}"),
                problems("urlRewrite: {authority: bogus}"));
        assertEquals(List.of(
                "<inline>:6:40: binds[0].listeners[0].routes[0].policies.urlRewrite.authority.host: \"h:1\" has a port;"
                        + " write the host alone, or use full: \"host:port\""),
                problems("urlRewrite: {authority: {host: \"h:1\"}}"));
        assertEquals(List.of(
                "<inline>:6:45: binds[0].listeners[0].routes[0].policies.requestRedirect.authority.port: expected a port"
                        + " number 1-65535 but found 0"),
                problems("requestRedirect: {authority: {port: 0}}"));
        assertEquals(List.of(
                "<inline>:6:33: binds[0].listeners[0].routes[0].policies.urlRewrite.authority: unknown key \"hostname\";"
                        + " expected one of \"auto\", \"none\", {full: \"host:port\"}, {host: \"host\"} or {port: 8080}"),
                problems("urlRewrite: {authority: {hostname: x}}"));
    }

    @Test
    void pathsAreAbsoluteWithoutQueryAndOneKindOnly() {
        assertEquals(List.of(
                "<inline>:6:35: binds[0].listeners[0].routes[0].policies.urlRewrite.path.full: expected an absolute path"
                        + " such as /api/v2 (no query, no spaces; percent-encode other characters) but found \"new?x=1\""),
                problems("urlRewrite: {path: {full: \"new?x=1\"}}"));
        assertEquals(List.of(
                "<inline>:6:28: binds[0].listeners[0].routes[0].policies.urlRewrite.path: expected {full: \"/path\"} or"
                        + " {prefix: \"/path\"}"),
                problems("urlRewrite: {path: {full: /a, prefix: /b}}"));
        assertEquals(List.of(
                "<inline>:6:21: binds[0].listeners[0].routes[0].policies.urlRewrite: urlRewrite needs a path or an authority to rewrite"),
                problems("urlRewrite: {}"));
    }

    @Test
    void redirectsCheckSchemeAndStatusAndReportEverythingAtOnce() {
        assertEquals(List.of(
                "<inline>:6:35: binds[0].listeners[0].routes[0].policies.requestRedirect.scheme: invalid scheme \"ht tp\"; such as https",
                "<inline>:6:52: binds[0].listeners[0].routes[0].policies.requestRedirect.status: status 200 is not a redirect;"
                        + " use 301, 302, 303, 307 or 308",
                "<inline>:6:72: binds[0].listeners[0].routes[0].policies.requestRedirect.path.prefix: expected an absolute path"
                        + " such as /api/v2 (no query, no spaces; percent-encode other characters) but found \"x\""),
                problems("requestRedirect: {scheme: \"ht tp\", status: 200, path: {prefix: x}}"));
        assertEquals(List.of(
                "<inline>:6:22: binds[0].listeners[0].routes[0].policies.urlRewrite.status: unknown key \"status\"; allowed keys: authority, path"),
                problems("urlRewrite: {status: 301}"));
    }

    @Test
    void urlRewriteBelongsToRoutesAndRedirectsToBackendsToo() {
        assertEquals(List.of(), backendPolicyProblems("requestRedirect: {scheme: https}"));
        List<String> problems = backendPolicyProblems("urlRewrite: {path: {full: /}}");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).contains("policy \"urlRewrite\" cannot be used in a backend's policies"), problems.get(0));
    }

    private List<String> backendPolicyProblems(String policy) {
        return TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - backends:
                      - host: "127.0.0.1:9"
                        policies:
                          %s
                """.formatted(policy), dir);
    }
}
