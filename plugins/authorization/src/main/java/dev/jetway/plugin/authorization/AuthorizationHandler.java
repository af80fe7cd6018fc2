package dev.jetway.plugin.authorization;

import static java.util.Objects.requireNonNull;

import java.util.Map;

import dev.jetway.api.expression.RuleSet;
import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets a request through when its rules allow it, else answers 403 with agentgateway's body. The rules see the
 * request, its source and what earlier policies attached ({@code jwt}, {@code extauthz}, ...).
 */
final class AuthorizationHandler extends Handler.Wrapper {

    private final RuleSet rules;

    AuthorizationHandler(RuleSet rules) {
        this.rules = requireNonNull(rules, "rules");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (rules.allows(request, Map.of())) {
            return super.handle(request, response, callback);
        }
        PlainText.send(response, callback, HttpStatus.FORBIDDEN_403, "authorization failed");
        return true;
    }
}
