package dev.videoplatform.gateway;

import com.google.gson.Gson;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.route.v3.FilterConfig;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.Cors;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy;
import io.envoyproxy.envoy.extensions.filters.http.grpc_json_transcoder.v3.GrpcJsonTranscoder;
import io.envoyproxy.envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication;
import io.envoyproxy.envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.envoyproxy.pgv.validate.Validate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads envoy.yaml the way Envoy does, with Envoy's own v3 API messages: YAML to JSON, then the
 * proto3 JSON parser, which refuses unknown fields and {@code @type} URLs outside the extensions we
 * use. {@link #violations} then applies what Envoy checks next: the API's protoc-gen-validate rules
 * (required messages, oneofs and durations, minimum lengths and counts) and deprecated fields.
 */
final class EnvoyBootstrap {

    /** The typed configs envoy.yaml may contain; anything else is a wrong {@code @type}. */
    static final TypeRegistry EXTENSIONS = TypeRegistry.newBuilder()
            .add(List.of(HttpConnectionManager.getDescriptor(), GrpcJsonTranscoder.getDescriptor(),
                    JwtAuthentication.getDescriptor(), LocalRateLimit.getDescriptor(), Cors.getDescriptor(),
                    CorsPolicy.getDescriptor(), Router.getDescriptor(), HttpProtocolOptions.getDescriptor(),
                    FilterConfig.getDescriptor()))
            .build();

    private EnvoyBootstrap() {
    }

    static Bootstrap parse(String yaml) throws InvalidProtocolBufferException {
        Object tree = new Yaml().load(yaml);
        Bootstrap.Builder bootstrap = Bootstrap.newBuilder();
        JsonFormat.parser().usingTypeRegistry(EXTENSIONS).merge(new Gson().toJson(tree), bootstrap);
        return bootstrap.build();
    }

    /** The YAML as plain maps and lists, for assertions on its shape. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(String yaml) {
        return (Map<String, Object>) new Yaml().load(yaml);
    }

    static List<String> violations(Message message) throws InvalidProtocolBufferException {
        List<String> violations = new ArrayList<>();
        check(message, message.getDescriptorForType().getFullName(), violations);
        return violations;
    }

    private static void check(Message message, String path, List<String> violations) throws InvalidProtocolBufferException {
        Descriptor type = message.getDescriptorForType();
        if (type.getFullName().equals(Any.getDescriptor().getFullName())) {
            check(unpack(message), path, violations);
            return;
        }
        for (OneofDescriptor oneof : type.getRealOneofs()) {
            if (oneof.getOptions().getExtension(Validate.required) && !message.hasOneof(oneof)) {
                violations.add(path + ": one of " + oneof.getName() + " is required");
            }
        }
        for (FieldDescriptor field : type.getFields()) {
            String fieldPath = path + "." + field.getName();
            boolean inOtherOneofCase = field.getRealContainingOneof() != null
                    && message.getOneofFieldDescriptor(field.getRealContainingOneof()) != field;
            if (inOtherOneofCase) {
                continue;
            }
            checkRules(message, field, fieldPath, violations);
            if (field.getOptions().getDeprecated() && isSet(message, field)) {
                violations.add(fieldPath + " is deprecated");
            }
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                if (field.isMapField()) {
                    for (Object entry : (List<?>) message.getField(field)) {
                        Message mapEntry = (Message) entry;
                        FieldDescriptor valueField = mapEntry.getDescriptorForType().findFieldByName("value");
                        if (valueField.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                            check((Message) mapEntry.getField(valueField), fieldPath + "[" + mapEntry.getField(mapEntry.getDescriptorForType().findFieldByName("key")) + "]", violations);
                        }
                    }
                } else if (field.isRepeated()) {
                    List<?> items = (List<?>) message.getField(field);
                    for (int i = 0; i < items.size(); i++) {
                        check((Message) items.get(i), fieldPath + "[" + i + "]", violations);
                    }
                } else if (message.hasField(field)) {
                    check((Message) message.getField(field), fieldPath, violations);
                }
            }
        }
    }

    private static void checkRules(Message message, FieldDescriptor field, String path, List<String> violations) {
        Validate.FieldRules rules = field.getOptions().getExtension(Validate.rules);
        boolean set = isSet(message, field);
        if (rules.hasMessage() && rules.getMessage().getRequired() && !set) {
            violations.add(path + " is required");
        }
        if (rules.hasDuration() && rules.getDuration().getRequired() && !set) {
            violations.add(path + " (duration) is required");
        }
        if (rules.hasString() && rules.getString().getMinLen() > 0
                && ((String) message.getField(field)).length() < rules.getString().getMinLen()) {
            violations.add(path + " is shorter than " + rules.getString().getMinLen());
        }
        if (rules.hasRepeated() && rules.getRepeated().getMinItems() > 0
                && message.getRepeatedFieldCount(field) < rules.getRepeated().getMinItems()) {
            violations.add(path + " needs at least " + rules.getRepeated().getMinItems() + " items");
        }
    }

    private static boolean isSet(Message message, FieldDescriptor field) {
        return field.isRepeated() ? message.getRepeatedFieldCount(field) > 0 : message.hasField(field);
    }

    private static Message unpack(Message any) throws InvalidProtocolBufferException {
        Any packed = Any.parseFrom(any.toByteString());
        Descriptor type = EXTENSIONS.getDescriptorForTypeUrl(packed.getTypeUrl());
        return DynamicMessage.parseFrom(type, packed.getValue());
    }
}
