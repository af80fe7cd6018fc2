package dev.jetway.plugin.remoteratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.expression.Expression;
import dev.jetway.api.expression.ExpressionException;
import dev.jetway.api.expression.Expressions;
import dev.jetway.plugin.remoteratelimit.RemoteRateLimitConfig.Descriptor;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.type.v3.RateLimitUnit;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled {@code descriptors}: per request, each entry's CEL value is evaluated. As in agentgateway, a
 * descriptor one of whose values fails (an error, or not a string) or whose {@code limitOverride} fails is left out;
 * with none left there is nothing to ask the service.
 */
final class DescriptorSet {

    private static final Logger LOG = LoggerFactory.getLogger(DescriptorSet.class);

    private record Entry(String key, Expression value) {
    }

    private record Compiled(List<Entry> entries, Expression limitOverride) {
    }

    private final List<Compiled> descriptors;

    private DescriptorSet(List<Compiled> descriptors) {
        this.descriptors = List.copyOf(descriptors);
    }

    static DescriptorSet compile(List<Descriptor> written, Expressions expressions) throws ConfigException {
        List<Compiled> compiled = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            String at = "descriptors[" + i + "]";
            Descriptor descriptor = written.get(i);
            if (descriptor == null || descriptor.entries() == null) {
                problems.add(new ConfigProblem(at + ".entries", "entries is required: [{key: user, value: 'jwt.sub'}]"));
                continue;
            }
            if ("tokens".equals(descriptor.type())) {
                problems.add(new ConfigProblem(at + ".type", "type \"tokens\" (LLM token budgets) is an agentgateway"
                        + " setting that jetway does not support yet; supported: requests"));
            } else if (descriptor.type() != null && !descriptor.type().equals("requests")) {
                problems.add(new ConfigProblem(at + ".type", "invalid value \"" + descriptor.type()
                        + "\"; allowed values: requests, tokens"));
            }
            List<Entry> entries = new ArrayList<>();
            for (int j = 0; j < descriptor.entries().size(); j++) {
                String entryAt = at + ".entries[" + j + "]";
                RemoteRateLimitConfig.Entry entry = descriptor.entries().get(j);
                if (entry == null || entry.key() == null || entry.key().isEmpty() || entry.value() == null) {
                    problems.add(new ConfigProblem(entryAt, "an entry is {key: <name>, value: <CEL>}, both required"));
                    continue;
                }
                try {
                    entries.add(new Entry(entry.key(), expressions.compile(entryAt + ".value", entry.value())));
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                }
            }
            Expression limitOverride = null;
            if (descriptor.limitOverride() != null) {
                try {
                    limitOverride = expressions.compile(at + ".limitOverride", descriptor.limitOverride());
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                }
            }
            // Rate limit services need at least one entry per descriptor: agentgateway skips empty ones.
            if (!entries.isEmpty()) {
                compiled.add(new Compiled(entries, limitOverride));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new DescriptorSet(compiled);
    }

    /** The service request for {@code request}: the descriptors that evaluate; empty when none does. */
    Optional<RateLimitRequest> evaluate(String domain, Request request) {
        RateLimitRequest.Builder call = RateLimitRequest.newBuilder().setDomain(domain);
        for (Compiled descriptor : descriptors) {
            try {
                call.addDescriptors(evaluate(descriptor, request));
            } catch (ExpressionException e) {
                LOG.debug("Rate limit descriptor of domain {} left out: {}", domain, e.getMessage());
            }
        }
        return call.getDescriptorsCount() == 0 ? Optional.empty() : Optional.of(call.build());
    }

    private static RateLimitDescriptor evaluate(Compiled descriptor, Request request) throws ExpressionException {
        RateLimitDescriptor.Builder built = RateLimitDescriptor.newBuilder();
        for (Entry entry : descriptor.entries()) {
            Object value = entry.value().evaluate(request, Map.of());
            if (!(value instanceof String text)) {
                throw new ExpressionException("the value of \"" + entry.key() + "\" (" + entry.value().source()
                        + ") is not a string but " + (value == null ? "null" : value.getClass().getSimpleName()), null);
            }
            built.addEntries(RateLimitDescriptor.Entry.newBuilder().setKey(entry.key()).setValue(text));
        }
        if (descriptor.limitOverride() != null) {
            built.setLimit(limitOverride(descriptor.limitOverride(), request));
        }
        return built.build();
    }

    /** {@code {"unit": "minute", "requestsPerUnit": 100}}; units second, minute, hour, day, month, year. */
    private static RateLimitDescriptor.RateLimitOverride limitOverride(Expression expression, Request request)
            throws ExpressionException {
        Object value = expression.evaluate(request, Map.of());
        if (value instanceof Map<?, ?> map && map.get("unit") instanceof String unit) {
            Object requests = map.containsKey("requestsPerUnit") ? map.get("requestsPerUnit") : map.get("requests_per_unit");
            RateLimitUnit parsed = switch (unit.toLowerCase(Locale.ROOT)) {
                case "second" -> RateLimitUnit.SECOND;
                case "minute" -> RateLimitUnit.MINUTE;
                case "hour" -> RateLimitUnit.HOUR;
                case "day" -> RateLimitUnit.DAY;
                case "month" -> RateLimitUnit.MONTH;
                case "year" -> RateLimitUnit.YEAR;
                default -> null;
            };
            if (parsed != null && requests instanceof Number number && number.longValue() >= 0
                    && number.longValue() <= 0xFFFF_FFFFL && number.doubleValue() == number.longValue()) {
                return RateLimitDescriptor.RateLimitOverride.newBuilder().setUnit(parsed)
                        .setRequestsPerUnit((int) number.longValue()).build();
            }
        }
        throw new ExpressionException("limitOverride (" + expression.source() + ") gave " + value
                + ", not {\"unit\": second|minute|hour|day|month|year, \"requestsPerUnit\": <0..4294967295>}", null);
    }
}
