package dev.videoplatform.edge;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.ErrorDetailsProto;
import com.google.rpc.Status;
import com.google.rpc.StatusProto;
import dev.videoplatform.gateway.DescriptorSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proto3 JSON both ways, for messages known only through the descriptor set ({@link DynamicMessage}):
 * builds a request from the HTTP body, query parameters and path variables as the RPC's http rule
 * maps them, and prints responses and errors the way Envoy's transcoder is configured to
 * (camelCase names, fields with default values included, enums by name).
 */
public final class JsonTranscoder {

    /** Message types whose JSON form is a string, so a query parameter or path variable can carry them. */
    private static final Set<String> STRING_VALUED_MESSAGES = Set.of(
            "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask",
            "google.protobuf.StringValue", "google.protobuf.BytesValue", "google.protobuf.BoolValue",
            "google.protobuf.Int32Value", "google.protobuf.Int64Value", "google.protobuf.UInt32Value",
            "google.protobuf.UInt64Value", "google.protobuf.FloatValue", "google.protobuf.DoubleValue");

    private final JsonFormat.Parser parser;
    private final JsonFormat.Printer printer;
    private final Proto3JsonPrinter messages;
    private final WireJsonPrinter responses;

    public JsonTranscoder(DescriptorSet contracts) {
        TypeRegistry.Builder types = TypeRegistry.newBuilder();
        for (FileDescriptor file : contracts.files()) {
            types.add(file.getMessageTypes());
        }
        // Error details services attach, even when no contract imports google/rpc (files already
        // added under the same name are skipped).
        types.add(ErrorDetailsProto.getDescriptor().getMessageTypes());
        types.add(StatusProto.getDescriptor().getMessageTypes());
        TypeRegistry registry = types.build();
        this.parser = JsonFormat.parser().usingTypeRegistry(registry);
        this.printer = JsonFormat.printer().usingTypeRegistry(registry)
                .alwaysPrintFieldsWithNoPresence()
                .omittingInsignificantWhitespace();
        this.messages = new Proto3JsonPrinter(printer);
        this.responses = new WireJsonPrinter(messages);
    }

    /**
     * The request message: the body (all of it with {@code body: "*"}, or into the named field),
     * then query parameters, then path variables, which win over both.
     */
    public DynamicMessage request(HttpRuleIndex.Binding binding, Map<String, String> pathVariables,
                                  Map<String, List<String>> query, String body) {
        Descriptor input = binding.method().getInputType();
        if (body.isBlank() && !(binding.body().equals("*") && !query.isEmpty())) {
            DynamicMessage plain = plainStringFields(input, pathVariables, query);
            if (plain != null) {
                return plain;
            }
        }
        JsonObject json = new JsonObject();
        if (binding.body().equals("*")) {
            if (!body.isBlank()) {
                JsonElement parsed = parseJson(body);
                if (!parsed.isJsonObject()) {
                    throw new InvalidRequest("request body must be a JSON object");
                }
                json = parsed.getAsJsonObject();
            }
            if (!query.isEmpty()) {
                throw new InvalidRequest("unknown query parameters " + query.keySet() + ": the body is the whole request");
            }
        } else if (!binding.body().isEmpty() && !body.isBlank()) {
            put(json, FieldPath.resolve(input, binding.body()), parseJson(body));
        }
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            FieldPath path = resolveParameter(input, parameter.getKey());
            put(json, path, parameterValue(path, parameter.getValue()));
        }
        for (Map.Entry<String, String> variable : pathVariables.entrySet()) {
            FieldPath path = FieldPath.resolve(input, variable.getKey());
            put(json, path, new JsonPrimitive(variable.getValue()));
        }
        DynamicMessage.Builder request = DynamicMessage.newBuilder(input);
        try {
            parser.merge(json.toString(), request);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new InvalidRequest(e.getMessage());
        }
        return request.build();
    }

    /** The response JSON, from its wire bytes: the whole message, or only the rule's {@code response_body} field. */
    public String response(HttpRuleIndex.Binding binding, byte[] response) throws InvalidProtocolBufferException {
        Descriptor type = binding.method().getOutputType();
        if (binding.responseBody().isEmpty()) {
            return responses.print(type, response);
        }
        DynamicMessage message = DynamicMessage.parseFrom(type, response);
        FieldDescriptor field = FieldPath.resolve(type, binding.responseBody()).leaf();
        return messages.printValue(field, message.getField(field));
    }

    /** {@code {"code": ..., "message": ..., "details": [...]}}, details with their {@code @type}. */
    public String error(Status status) {
        try {
            return printer.print(status);
        } catch (InvalidProtocolBufferException unknownDetailType) {
            try {
                return printer.print(status.toBuilder().clearDetails().build());
            } catch (InvalidProtocolBufferException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /**
     * The request when every path variable and query parameter names a top-level string field
     * outside any oneof (ids, page tokens: most GETs), built directly; null for anything else,
     * which takes the JSON route. The result is the same either way, path variables winning over
     * query parameters; the JSON route is several times the cost.
     */
    private static DynamicMessage plainStringFields(Descriptor input, Map<String, String> pathVariables,
                                                    Map<String, List<String>> query) {
        DynamicMessage.Builder request = DynamicMessage.newBuilder(input);
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            FieldDescriptor field = plainStringField(input, parameter.getKey());
            if (field == null || (!field.isRepeated() && parameter.getValue().size() != 1)) {
                return null;
            }
            if (field.isRepeated()) {
                parameter.getValue().forEach(value -> request.addRepeatedField(field, value));
            } else {
                request.setField(field, parameter.getValue().get(0));
            }
        }
        for (Map.Entry<String, String> variable : pathVariables.entrySet()) {
            FieldDescriptor field = plainStringField(input, variable.getKey());
            if (field == null || field.isRepeated()) {
                return null;
            }
            request.setField(field, variable.getValue());
        }
        return request.build();
    }

    private static FieldDescriptor plainStringField(Descriptor input, String name) {
        if (name.indexOf('.') >= 0) {
            return null;
        }
        FieldDescriptor field = FieldPath.find(input, name);
        return field != null && field.getType() == FieldDescriptor.Type.STRING && field.getRealContainingOneof() == null ? field : null;
    }

    private static JsonElement parseJson(String body) {
        try {
            return JsonParser.parseString(body);
        } catch (JsonParseException e) {
            throw new InvalidRequest("request body is not JSON: " + e.getMessage());
        }
    }

    private static FieldPath resolveParameter(Descriptor input, String name) {
        FieldPath path;
        try {
            path = FieldPath.resolve(input, name);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("unknown query parameter " + name);
        }
        FieldDescriptor leaf = path.leaf();
        if (leaf.isMapField() || (leaf.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && !STRING_VALUED_MESSAGES.contains(leaf.getMessageType().getFullName()))) {
            throw new InvalidRequest("query parameter " + name + " names a message field; send it in a body");
        }
        return path;
    }

    private static JsonElement parameterValue(FieldPath path, List<String> values) {
        if (path.leaf().isRepeated()) {
            JsonArray array = new JsonArray();
            values.forEach(array::add);
            return array;
        }
        if (values.size() > 1) {
            throw new InvalidRequest("query parameter " + path.text() + " is not repeated but was given " + values.size() + " times");
        }
        return new JsonPrimitive(values.get(0));
    }

    /**
     * Sets {@code value} at {@code path}, creating the objects on the way and reusing the key a
     * client already used for a field (proto name or JSON name), so that two sources never name one
     * field twice.
     */
    private static void put(JsonObject root, FieldPath path, JsonElement value) {
        JsonObject object = root;
        List<FieldDescriptor> fields = path.fields();
        for (int i = 0; i < fields.size() - 1; i++) {
            String key = keyFor(object, fields.get(i));
            JsonElement child = object.get(key);
            if (child == null || child.isJsonNull()) {
                child = new JsonObject();
                object.add(key, child);
            } else if (!child.isJsonObject()) {
                throw new InvalidRequest(path.text() + ": " + key + " is not an object");
            }
            object = child.getAsJsonObject();
        }
        object.add(keyFor(object, path.leaf()), value);
    }

    private static String keyFor(JsonObject object, FieldDescriptor field) {
        return object.has(field.getName()) ? field.getName() : field.getJsonName();
    }
}
