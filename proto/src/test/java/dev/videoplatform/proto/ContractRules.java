package dev.videoplatform.proto;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import dev.videoplatform.options.v1.Access;
import dev.videoplatform.options.v1.OptionsProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The house rules every contract must follow, checked on a descriptor set. Returns violations
 * as readable sentences instead of failing at the first one, so a broken contract shows all its
 * problems in one build.
 */
final class ContractRules {

    static final String EVENTS_PACKAGE = "videoplatform.events.v1";
    static final String ENVELOPE = "EventEnvelope";

    private static final Pattern SERVICE_PACKAGE = Pattern.compile("videoplatform\\.[a-z]+\\.v1");
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Pattern HTTP_PATH = Pattern.compile("/v1/[a-z0-9{}._/=*:A-Za-z]+");
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{[^}]*}");
    private static final Pattern TOPIC = Pattern.compile("[a-z]+(\\.[a-z]+)+");

    private final List<String> violations = new ArrayList<>();
    private final Map<String, String> routes = new HashMap<>();

    static List<String> check(FileDescriptorSet set) {
        ContractRules rules = new ContractRules();
        for (FileDescriptorProto file : set.getFileList()) {
            if (file.getName().startsWith("videoplatform/")) {
                rules.checkFile(file);
            }
        }
        rules.checkEvents(set);
        return rules.violations;
    }

    private void checkFile(FileDescriptorProto file) {
        for (ServiceDescriptorProto service : file.getServiceList()) {
            String fullName = file.getPackage() + "." + service.getName();
            if (!SERVICE_PACKAGE.matcher(file.getPackage()).matches()) {
                violations.add("service " + fullName + " is outside videoplatform.<service>.v1");
            }
            // A service without any http rule is gRPC-only: its admin RPCs are operator tools.
            boolean grpcOnly = service.getMethodList().stream()
                    .noneMatch(method -> method.getOptions().hasExtension(AnnotationsProto.http));
            for (MethodDescriptorProto method : service.getMethodList()) {
                checkMethod(fullName + "/" + method.getName(), method, grpcOnly);
            }
        }
        for (DescriptorProto message : file.getMessageTypeList()) {
            checkMessage(file.getPackage() + "." + message.getName(), message);
        }
        for (EnumDescriptorProto e : file.getEnumTypeList()) {
            checkEnum(file.getPackage() + "." + e.getName(), e);
        }
    }

    private void checkMethod(String rpc, MethodDescriptorProto method, boolean grpcOnlyService) {
        Access access = method.getOptions().getExtension(OptionsProto.access);
        boolean hasRule = method.getOptions().hasExtension(AnnotationsProto.http);
        if (access == Access.ACCESS_INTERNAL) {
            if (hasRule) {
                violations.add(rpc + " is internal but has a google.api.http rule");
            }
            return;
        }
        if (method.getClientStreaming()) {
            // Envoy cannot transcode client streaming; such RPCs are gRPC-only by design.
            if (hasRule) {
                violations.add(rpc + " is client-streaming and cannot carry a google.api.http rule");
            }
            return;
        }
        if (!hasRule) {
            if (!(grpcOnlyService && access == Access.ACCESS_ADMIN)) {
                violations.add(rpc + " is client-facing but has no google.api.http rule");
            }
            return;
        }
        HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
        checkRule(rpc, rule);
        for (HttpRule extra : rule.getAdditionalBindingsList()) {
            checkRule(rpc, extra);
        }
    }

    private void checkRule(String rpc, HttpRule rule) {
        String verb = rule.getPatternCase().name();
        String path = switch (rule.getPatternCase()) {
            case GET -> rule.getGet();
            case POST -> rule.getPost();
            case PUT -> rule.getPut();
            case PATCH -> rule.getPatch();
            case DELETE -> rule.getDelete();
            case CUSTOM -> rule.getCustom().getPath();
            default -> "";
        };
        if (!HTTP_PATH.matcher(path).matches() || path.contains("-")) {
            violations.add(rpc + " has http path '" + path + "' that is not a lowercase /v1/ path");
        }
        String key = verb + " " + TEMPLATE_VARIABLE.matcher(path).replaceAll("{}");
        String previous = routes.putIfAbsent(key, rpc);
        if (previous != null) {
            violations.add(rpc + " and " + previous + " collide on " + key);
        }
    }

    private void checkMessage(String name, DescriptorProto message) {
        for (FieldDescriptorProto field : message.getFieldList()) {
            if (!SNAKE_CASE.matcher(field.getName()).matches()) {
                violations.add("field " + name + "." + field.getName() + " is not lower_snake_case");
            }
        }
        for (DescriptorProto nested : message.getNestedTypeList()) {
            if (!nested.getOptions().getMapEntry()) {
                checkMessage(name + "." + nested.getName(), nested);
            }
        }
        for (EnumDescriptorProto e : message.getEnumTypeList()) {
            checkEnum(name + "." + e.getName(), e);
        }
    }

    private void checkEnum(String name, EnumDescriptorProto e) {
        if (e.getValueCount() == 0 || e.getValue(0).getNumber() != 0
                || !e.getValue(0).getName().endsWith("_UNSPECIFIED")) {
            violations.add("enum " + name + " must start with *_UNSPECIFIED = 0");
        }
    }

    private void checkEvents(FileDescriptorSet set) {
        Map<String, String> annotated = new HashMap<>();
        Set<String> inEnvelope = new HashSet<>();
        boolean envelopeFound = false;
        for (FileDescriptorProto file : set.getFileList()) {
            if (!file.getPackage().equals(EVENTS_PACKAGE)) {
                continue;
            }
            for (DescriptorProto message : file.getMessageTypeList()) {
                String fullName = "." + file.getPackage() + "." + message.getName();
                if (message.getOptions().hasExtension(OptionsProto.eventType)) {
                    String type = message.getOptions().getExtension(OptionsProto.eventType);
                    if (!TOPIC.matcher(type).matches()) {
                        violations.add("event " + fullName + " has malformed type '" + type + "'");
                    }
                    if (annotated.containsValue(type)) {
                        violations.add("event type '" + type + "' is declared twice");
                    }
                    annotated.put(fullName, type);
                }
                if (message.getName().equals(ENVELOPE)) {
                    envelopeFound = true;
                    message.getFieldList().stream()
                            .filter(f -> f.hasOneofIndex()
                                    && message.getOneofDecl(f.getOneofIndex()).getName().equals("payload"))
                            .forEach(f -> inEnvelope.add(f.getTypeName()));
                }
            }
        }
        if (!envelopeFound) {
            violations.add(EVENTS_PACKAGE + "." + ENVELOPE + " is missing");
            return;
        }
        for (String event : annotated.keySet()) {
            if (!inEnvelope.contains(event)) {
                violations.add("event payload " + event + " is not registered in EventEnvelope.payload");
            }
        }
        for (String payload : inEnvelope) {
            if (!annotated.containsKey(payload)) {
                violations.add("EventEnvelope.payload case " + payload + " is not an annotated event payload");
            }
        }
    }
}
