package dev.jetway.plugin.extauthz;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.jetway.grpc.extauthz.AuthzDecision;
import dev.jetway.grpc.extauthz.HeaderChange;
import dev.jetway.plugin.extauthz.spi.Verdict;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;

/**
 * What a gRPC decision means, as in agentgateway: OK lets the request go on without the {@code headers_to_remove}
 * and with the header changes (set, append, add if absent), puts {@code response_headers_to_add} on the answer to the
 * client and {@code dynamic_metadata} in {@code extauthz}; a denial answers with the service's status, headers and
 * body, or the gateway's 403 when it gave none. Pseudo headers and {@code Host} stay the gateway's to set.
 */
final class GrpcVerdicts {

    private GrpcVerdicts() {
    }

    static Verdict of(AuthzDecision decision) {
        if (decision instanceof AuthzDecision.Allowed allowed) {
            return new Verdict.Allow(
                    edit(allowed.removeHeaders().stream().filter(GrpcVerdicts::requestHeader).toList(),
                            only(allowed.requestHeaders(), GrpcVerdicts::requestHeader)),
                    edit(List.of(), only(allowed.responseHeaders(), GrpcVerdicts::header)),
                    allowed.metadata().isEmpty() ? null : allowed.metadata());
        }
        AuthzDecision.Denied denied = (AuthzDecision.Denied) decision;
        if (denied.status() == HttpStatus.FORBIDDEN_403 && denied.headers().isEmpty() && denied.body().length == 0) {
            return Verdict.Deny.refused();
        }
        HttpFields.Mutable headers = HttpFields.build();
        HeaderChange.applyAll(only(denied.headers(), GrpcVerdicts::header), headers);
        return new Verdict.Deny(denied.status(), headers.asImmutable(), denied.body());
    }

    /** Removes, then changes, as agentgateway does; {@code null} when there is nothing to do. */
    private static Consumer<HttpFields.Mutable> edit(List<String> removed, List<HeaderChange> changed) {
        if (removed.isEmpty() && changed.isEmpty()) {
            return null;
        }
        return fields -> {
            removed.forEach(fields::remove);
            HeaderChange.applyAll(changed, fields);
        };
    }

    private static List<HeaderChange> only(List<HeaderChange> changes, Predicate<String> names) {
        return changes.stream().filter(change -> names.test(change.name())).toList();
    }

    private static boolean header(String name) {
        return !name.startsWith(":");
    }

    private static boolean requestHeader(String name) {
        return header(name) && !name.toLowerCase(Locale.ROOT).equals("host");
    }
}
