package dev.videoplatform.e2e.fuzz;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile requests for one route: path variables, query parameters and JSON bodies filled with
 * strings holding NUL, C0 controls, lone surrogates and invalid UTF-8, overlong values, numbers
 * that overflow, wrong types, nested objects and arrays, and sometimes bytes that are no JSON at
 * all. Mostly shaped like the request message (its field names and types), so inputs get past
 * routing and parsing and reach the services.
 */
final class RandomInputs {

    /** One HTTP request: verb, path with its query, body (null for none), and whether it carries the access token. */
    record Input(String verb, String pathAndQuery, byte[] body, boolean withToken) {

        String describe() {
            String shownBody = body == null ? "" : " body=" + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return verb + " " + (pathAndQuery.length() > 300 ? pathAndQuery.substring(0, 300) + "…" : pathAndQuery)
                    + (withToken ? " (token)" : "") + shownBody;
        }
    }

    /**
     * Longest path and query sent: the HTTP server refuses longer request lines (Vert.x' default
     * limit is 4096 bytes) with a bare 414 before any route runs. Long values go in bodies.
     */
    private static final int URL_LIMIT = 4000;
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}=]+)(=[^}]*)?}");
    private static final String[] STRINGS = {"", " ", "a", "0", "-1", "null", "true", "\u0000", "a\u0000b", "\u0001\u001f",
        "\u007f", "\uD800", "\uDC00x", "\uD83D\uDE00", "é", "\u202Eevil", "%00", "%", "../../etc/passwd", "' OR 1=1 --",
        "\\", "\"", "{}", "[]", "\r\n", "\t", "x@y.z", "019c8f7e-7b8a-7cde-8f00-0123456789ab", "00000000-0000-0000-0000-000000000000",
        "VISIBILITY_PUBLIC", "title,tags", "*", "video.title", "2026-01-01T00:00:00Z", "1.5s", "99999999999999999999"};
    private static final String[] NUMBERS = {"0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "99999999999999999999999999", "-99999999999999999999999999",
        "1e400", "-1e400", "1.5", "1e-400", "0.0000001", "123456789012345678901234567890e10"};

    private final Random random;
    private final ClientRoutes contracts;
    private final List<String> knownIds;

    RandomInputs(Random random, ClientRoutes contracts, List<String> knownIds) {
        this.random = random;
        this.contracts = contracts;
        this.knownIds = knownIds;
    }

    Input next(ClientRoutes.Route route) {
        StringBuilder path = new StringBuilder();
        Matcher variable = VARIABLE.matcher(route.path());
        int last = 0;
        while (variable.find()) {
            path.append(route.path(), last, variable.start()).append(pathSegment());
            last = variable.end();
        }
        path.append(route.path().substring(last));
        if (random.nextInt(3) > 0) {
            String query = query(route.input());
            if (path.length() + query.length() < URL_LIMIT) {
                path.append('?').append(query);
            }
        }
        byte[] body = null;
        if (!route.body().isEmpty()) {
            body = body(route);
        } else if (random.nextInt(10) == 0) {
            body = randomBytes(random.nextInt(64));
        }
        return new Input(route.verb(), path.toString(), body, random.nextBoolean());
    }

    private String pathSegment() {
        return switch (random.nextInt(6)) {
            case 0 -> knownIds.get(random.nextInt(knownIds.size()));
            case 1 -> percentEncode(randomBytes(1 + random.nextInt(40)));
            case 2 -> "x".repeat(1 + random.nextInt(1000));
            default -> percentEncode(string(100).getBytes(StandardCharsets.UTF_8));
        };
    }

    private String query(DescriptorProto input) {
        StringBuilder query = new StringBuilder();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                query.append('&');
            }
            String name;
            if (input.getFieldCount() > 0 && random.nextInt(5) > 0) {
                FieldDescriptorProto field = input.getField(random.nextInt(input.getFieldCount()));
                name = random.nextBoolean() ? field.getName() : field.getJsonName();
                if (field.getType() == FieldDescriptorProto.Type.TYPE_MESSAGE && random.nextBoolean()) {
                    DescriptorProto nested = contracts.messages.get(field.getTypeName().substring(1));
                    if (nested != null && nested.getFieldCount() > 0) {
                        name += "." + nested.getField(random.nextInt(nested.getFieldCount())).getName();
                    }
                }
            } else {
                name = string(100);
            }
            String value = random.nextBoolean() ? NUMBERS[random.nextInt(NUMBERS.length)] : string(100);
            query.append(percentEncode(name.getBytes(StandardCharsets.UTF_8))).append('=')
                    .append(random.nextInt(10) == 0 ? percentEncode(randomBytes(8)) : percentEncode(value.getBytes(StandardCharsets.UTF_8)));
        }
        return query.toString();
    }

    private byte[] body(ClientRoutes.Route route) {
        int shape = random.nextInt(20);
        if (shape == 0) {
            return randomBytes(random.nextInt(200));
        }
        if (shape == 1) {
            return anyValue(0).getBytes(StandardCharsets.UTF_8);
        }
        if (shape == 2) {
            // Invalid UTF-8 inside an otherwise well-formed JSON string.
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String field = route.input().getFieldCount() == 0 ? "x" : route.input().getField(0).getJsonName();
            out.writeBytes(("{\"" + field + "\":\"").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(randomBytes(1 + random.nextInt(16)));
            out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }
        DescriptorProto message = route.input();
        if (!route.body().equals("*")) {
            FieldDescriptorProto field = field(message, route.body());
            message = field == null ? null : contracts.messages.get(field.getTypeName().substring(1));
        }
        return (message == null ? anyValue(0) : object(message, 0)).getBytes(StandardCharsets.UTF_8);
    }

    private static FieldDescriptorProto field(DescriptorProto message, String name) {
        return message.getFieldList().stream().filter(f -> f.getName().equals(name)).findFirst().orElse(null);
    }

    /** A JSON object shaped like {@code message}: some of its fields, mostly of their own type, plus the odd stranger. */
    private String object(DescriptorProto message, int depth) {
        StringBuilder json = new StringBuilder("{");
        boolean first = true;
        for (FieldDescriptorProto field : message.getFieldList()) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            json.append(first ? "" : ",").append(quote(random.nextBoolean() ? field.getJsonName() : field.getName()))
                    .append(':').append(random.nextInt(8) == 0 ? anyValue(depth + 1) : value(field, depth + 1));
            first = false;
        }
        if (random.nextInt(6) == 0) {
            json.append(first ? "" : ",").append(quote(string())).append(':').append(anyValue(depth + 1));
        }
        return json.append('}').toString();
    }

    private String value(FieldDescriptorProto field, int depth) {
        if (field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED && random.nextInt(5) > 0) {
            StringBuilder array = new StringBuilder("[");
            int count = random.nextInt(20) == 0 ? 200 : random.nextInt(5);
            for (int i = 0; i < count; i++) {
                array.append(i == 0 ? "" : ",").append(single(field, depth));
            }
            return array.append(']').toString();
        }
        return single(field, depth);
    }

    private String single(FieldDescriptorProto field, int depth) {
        return switch (field.getType()) {
            case TYPE_STRING, TYPE_BYTES -> quote(string());
            case TYPE_BOOL -> random.nextInt(4) == 0 ? quote("true") : Boolean.toString(random.nextBoolean());
            case TYPE_DOUBLE, TYPE_FLOAT, TYPE_INT32, TYPE_INT64, TYPE_UINT32, TYPE_UINT64, TYPE_SINT32, TYPE_SINT64,
                    TYPE_FIXED32, TYPE_FIXED64, TYPE_SFIXED32, TYPE_SFIXED64 -> number();
            case TYPE_ENUM -> enumValue(field);
            case TYPE_MESSAGE -> message(field, depth);
            default -> anyValue(depth);
        };
    }

    private String number() {
        String number = NUMBERS[random.nextInt(NUMBERS.length)];
        return random.nextInt(4) == 0 ? quote(number) : number;
    }

    private String enumValue(FieldDescriptorProto field) {
        EnumDescriptorProto type = contracts.enums.get(field.getTypeName().substring(1));
        if (type == null || random.nextInt(4) == 0) {
            return random.nextBoolean() ? number() : quote(string());
        }
        return quote(type.getValue(random.nextInt(type.getValueCount())).getName());
    }

    private String message(FieldDescriptorProto field, int depth) {
        String type = field.getTypeName().substring(1);
        switch (type) {
            case "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask" -> {
                return quote(string());
            }
            default -> {
                DescriptorProto message = contracts.messages.get(type);
                return message == null || depth > 3 ? anyValue(depth) : object(message, depth);
            }
        }
    }

    /** Any JSON value at all. */
    private String anyValue(int depth) {
        int kind = random.nextInt(depth > 3 ? 4 : 6);
        return switch (kind) {
            case 0 -> quote(string());
            case 1 -> number();
            case 2 -> random.nextBoolean() ? "true" : "false";
            case 3 -> "null";
            case 4 -> {
                StringBuilder array = new StringBuilder("[");
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    array.append(i == 0 ? "" : ",").append(anyValue(depth + 1));
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    object.append(i == 0 ? "" : ",").append(quote(string())).append(':').append(anyValue(depth + 1));
                }
                yield object.append('}').toString();
            }
        };
    }

    private String string() {
        return string(20_000);
    }

    /** A hostile string: a known troublemaker, a random mix of them, or one of up to {@code longest} characters. */
    private String string(int longest) {
        int kind = random.nextInt(10);
        if (kind < 4) {
            return STRINGS[random.nextInt(STRINGS.length)];
        }
        if (kind == 4) {
            return "é".repeat(1 + random.nextInt(longest));
        }
        if (kind == 5) {
            return knownIds.get(random.nextInt(knownIds.size()));
        }
        StringBuilder mixed = new StringBuilder();
        int parts = 1 + random.nextInt(5);
        for (int i = 0; i < parts; i++) {
            mixed.append(random.nextBoolean() ? STRINGS[random.nextInt(STRINGS.length)] : (char) random.nextInt(0x10000));
        }
        return mixed.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** JSON string syntax for any Java string, lone surrogates and controls as \\u escapes. */
    private static String quote(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || c == 0x7f) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** Every byte outside RFC 3986's unreserved set as a well-formed %XX escape. */
    private static String percentEncode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
