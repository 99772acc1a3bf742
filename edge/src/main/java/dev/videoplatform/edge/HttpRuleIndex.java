package dev.videoplatform.edge;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.videoplatform.gateway.DescriptorSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every {@code google.api.http} rule (with its additional bindings) of a descriptor set, and the
 * lookup from an HTTP method and path to the RPC it calls. Nothing here knows any service: what
 * the descriptors declare is what the edge serves.
 */
public final class HttpRuleIndex {

    /** One HTTP binding of an RPC. {@code body} and {@code responseBody} are empty when unset. */
    public record Binding(MethodDescriptor method, String httpMethod, PathTemplate template, String body, String responseBody) {

        public String service() {
            return method.getService().getFullName();
        }
    }

    /** The outcome of a lookup. */
    public sealed interface Match {
    }

    public record Found(Binding binding, Map<String, String> variables) implements Match {
    }

    /** The path is known, but not for this HTTP method. */
    public record WrongMethod(Set<String> allowed) implements Match {
    }

    public record NoRoute() implements Match {
    }

    private final List<Binding> bindings;
    private final Set<String> verbs;
    /**
     * Positions in {@link #bindings} of the rules whose second segment is a literal, by that
     * literal ({@code videos} for {@code /v1/videos/{id}}), and of all others: a path is only
     * tried against the rules that can match it, still in declaration order.
     */
    private final Map<String, int[]> bySecondLiteral;
    private final int[] anySecondSegment;

    private HttpRuleIndex(List<Binding> bindings) {
        this.bindings = bindings;
        Set<String> registered = new HashSet<>();
        bindings.forEach(binding -> binding.template().verb().ifPresent(registered::add));
        this.verbs = registered;
        Map<String, List<Integer>> byLiteral = new HashMap<>();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < bindings.size(); i++) {
            Optional<String> literal = bindings.get(i).template().literalAt(1);
            if (literal.isPresent()) {
                byLiteral.computeIfAbsent(literal.get(), key -> new ArrayList<>()).add(i);
            } else {
                others.add(i);
            }
        }
        this.bySecondLiteral = new HashMap<>();
        byLiteral.forEach((literal, positions) -> bySecondLiteral.put(literal, positions.stream().mapToInt(Integer::intValue).toArray()));
        this.anySecondSegment = others.stream().mapToInt(Integer::intValue).toArray();
    }

    public static HttpRuleIndex of(DescriptorSet contracts) {
        List<Binding> bindings = new ArrayList<>();
        for (ServiceDescriptor service : contracts.services()) {
            for (MethodDescriptor method : service.getMethods()) {
                if (!method.getOptions().hasExtension(AnnotationsProto.http) || method.isClientStreaming()) {
                    continue;
                }
                HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
                bindings.add(binding(method, rule));
                for (HttpRule additional : rule.getAdditionalBindingsList()) {
                    bindings.add(binding(method, additional));
                }
            }
        }
        return new HttpRuleIndex(List.copyOf(bindings));
    }

    private static Binding binding(MethodDescriptor method, HttpRule rule) {
        String httpMethod;
        String path;
        switch (rule.getPatternCase()) {
            case GET -> { httpMethod = "GET"; path = rule.getGet(); }
            case PUT -> { httpMethod = "PUT"; path = rule.getPut(); }
            case POST -> { httpMethod = "POST"; path = rule.getPost(); }
            case DELETE -> { httpMethod = "DELETE"; path = rule.getDelete(); }
            case PATCH -> { httpMethod = "PATCH"; path = rule.getPatch(); }
            case CUSTOM -> { httpMethod = rule.getCustom().getKind().toUpperCase(); path = rule.getCustom().getPath(); }
            default -> throw new IllegalArgumentException(method.getFullName() + ": http rule without a pattern");
        }
        PathTemplate template = PathTemplate.parse(path);
        // Resolve every field the rule names now, so that a bad rule stops the edge at start-up.
        template.variableFieldPaths().forEach(fieldPath -> FieldPath.resolve(method.getInputType(), fieldPath));
        if (!rule.getBody().isEmpty() && !rule.getBody().equals("*")) {
            FieldPath.resolve(method.getInputType(), rule.getBody());
        }
        if (!rule.getResponseBody().isEmpty()) {
            FieldPath.resolve(method.getOutputType(), rule.getResponseBody());
        }
        return new Binding(method, httpMethod, template, rule.getBody(), rule.getResponseBody());
    }

    /**
     * {@code rawPath} is the request path as sent: percent-encoded, without the query.
     *
     * @throws InvalidRequest when a segment's percent-escapes are malformed or not UTF-8
     */
    public Match match(String httpMethod, String rawPath) {
        if (!rawPath.startsWith("/")) {
            return new NoRoute();
        }
        List<String> segments = new ArrayList<>(Arrays.asList(rawPath.substring(1).split("/", -1)));
        String verb = null;
        String last = segments.get(segments.size() - 1);
        int colon = last.lastIndexOf(':');
        // Only a verb some rule declares is one (Envoy's default too): /files/a:b stays a plain segment.
        if (colon >= 0 && verbs.contains(last.substring(colon + 1))) {
            verb = last.substring(colon + 1);
            segments.set(segments.size() - 1, last.substring(0, colon));
        }
        List<String> decoded = new ArrayList<>(segments.size());
        for (String segment : segments) {
            decoded.add(PercentDecoding.pathSegment(segment, false));
        }
        int[] literalMatches = decoded.size() < 2 ? null : bySecondLiteral.get(decoded.get(1));
        Found best = null;
        Set<String> allowed = new TreeSet<>();
        // Both position lists are ascending: merged, the rules are tried in declaration order.
        int a = 0;
        int b = 0;
        int aLength = literalMatches == null ? 0 : literalMatches.length;
        while (a < aLength || b < anySecondSegment.length) {
            int next = b >= anySecondSegment.length || (a < aLength && literalMatches[a] < anySecondSegment[b])
                    ? literalMatches[a++] : anySecondSegment[b++];
            Binding binding = bindings.get(next);
            Optional<Map<String, String>> variables = binding.template().match(segments, decoded, verb);
            if (variables.isEmpty()) {
                continue;
            }
            if (!binding.httpMethod().equals(httpMethod)) {
                allowed.add(binding.httpMethod());
            } else if (best == null || binding.template().moreSpecificThan(best.binding().template())) {
                best = new Found(binding, variables.get());
            }
        }
        if (best != null) {
            return best;
        }
        return allowed.isEmpty() ? new NoRoute() : new WrongMethod(allowed);
    }

    /** The gRPC services that have at least one binding. */
    public Set<String> services() {
        Set<String> services = new LinkedHashSet<>();
        bindings.forEach(binding -> services.add(binding.service()));
        return services;
    }

    public List<Binding> bindings() {
        return bindings;
    }
}
