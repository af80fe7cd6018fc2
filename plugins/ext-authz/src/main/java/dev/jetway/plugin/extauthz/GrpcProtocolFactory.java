package dev.jetway.plugin.extauthz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.expression.Expression;
import dev.jetway.grpc.GrpcChannel;
import dev.jetway.grpc.extauthz.GrpcAuthzCheck;
import dev.jetway.plugin.extauthz.ExtAuthzConfig.GrpcProtocol;
import dev.jetway.plugin.extauthz.spi.AuthzCheck;
import dev.jetway.plugin.extauthz.spi.CheckSettings;
import dev.jetway.plugin.extauthz.spi.ExtAuthzProtocolFactory;
import org.pf4j.Extension;

/**
 * {@code protocol: {grpc: {context, metadata}}}, agentgateway's default: Envoy's
 * {@code envoy.service.auth.v3.Authorization/Check} over HTTP/2 (h2c) to {@code host}, with every request header
 * unless {@code includeRequestHeaders} names some.
 */
@Extension
public final class GrpcProtocolFactory implements ExtAuthzProtocolFactory<GrpcProtocol> {

    @Override
    public String type() {
        return "grpc";
    }

    @Override
    public Class<GrpcProtocol> configType() {
        return GrpcProtocol.class;
    }

    @Override
    public AuthzCheck create(GrpcProtocol config, CheckSettings settings, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        if (settings.service().unixSocket() != null) {
            problems.add(new ConfigProblem("host", "extAuthz over grpc (the default protocol) cannot reach a Unix socket"
                    + " yet; give the service's \"host:port\", or use protocol: {http: {}} for an HTTP service on"
                    + " \"" + settings.service() + "\""));
        }
        Map<String, Expression> metadata = config.metadata() == null ? null
                : ExpressionMaps.compile("protocol.grpc.metadata", config.metadata(), context, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        GrpcChannel channel = new GrpcChannel(context.httpClient(), settings.service().authority(), settings.timeout());
        GrpcAuthzCheck check = new GrpcAuthzCheck(channel, settings.includeRequestHeaders(),
                config.context() == null ? Map.of() : config.context());
        return new GrpcCheck(channel, check, new FilterMetadata(metadata, context.location()),
                settings.body() != null && settings.body().bytes());
    }
}
