package dev.videoplatform.edge;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proto3 JSON for responses: the exact text of {@code JsonFormat}'s printer with
 * {@code alwaysPrintFieldsWithNoPresence} and no insignificant whitespace ({@code Proto3JsonPrinterTest}
 * holds it to that on random messages), at a fraction of its cost. {@code JsonFormat} formats each
 * Timestamp through {@code String.format} and {@code SimpleDateFormat} and each string through Gson:
 * a quarter of the edge's event loop under load. Any, Struct, Value, ListValue, FieldMask and
 * extendable (proto2) messages are rare in responses and still go to {@code JsonFormat}.
 */
final class Proto3JsonPrinter {

    static final Set<String> LEFT_TO_JSON_FORMAT = Set.of(
            "google.protobuf.Any", "google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue",
            "google.protobuf.FieldMask");
    static final Set<String> WRAPPERS = Set.of(
            "google.protobuf.BoolValue", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
            "google.protobuf.Int64Value", "google.protobuf.UInt64Value", "google.protobuf.StringValue",
            "google.protobuf.BytesValue", "google.protobuf.FloatValue", "google.protobuf.DoubleValue");
    private static final long MIN_TIMESTAMP_SECONDS = -62_135_596_800L; // 0001-01-01T00:00:00Z
    private static final long MAX_TIMESTAMP_SECONDS = 253_402_300_799L; // 9999-12-31T23:59:59Z
    private static final long MAX_DURATION_SECONDS = 315_576_000_000L; // 10,000 years
    private static final int NANOS_PER_SECOND = 1_000_000_000;

    /** Gson's escapes, HTML-safe as JsonFormat's Gson is; null where a character stands for itself. */
    private static final String[] ASCII_ESCAPES = new String[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII_ESCAPES[c] = String.format("\\u%04x", c);
        }
        ASCII_ESCAPES['"'] = "\\\"";
        ASCII_ESCAPES['\\'] = "\\\\";
        ASCII_ESCAPES['\t'] = "\\t";
        ASCII_ESCAPES['\b'] = "\\b";
        ASCII_ESCAPES['\n'] = "\\n";
        ASCII_ESCAPES['\r'] = "\\r";
        ASCII_ESCAPES['\f'] = "\\f";
        for (char c : new char[] {'<', '>', '&', '=', '\''}) {
            ASCII_ESCAPES[c] = String.format("\\u%04x", (int) c);
        }
    }

    private final JsonFormat.Printer jsonFormat;
    private final Map<Descriptor, FieldDescriptor[]> fieldsByNumber = new ConcurrentHashMap<>();

    /** {@code jsonFormat}: the printer this one stands in for, which also prints the types left to it. */
    Proto3JsonPrinter(JsonFormat.Printer jsonFormat) {
        this.jsonFormat = jsonFormat;
    }

    String print(MessageOrBuilder message) throws InvalidProtocolBufferException {
        StringBuilder out = new StringBuilder(512);
        message(out, message);
        return out.toString();
    }

    /** One field's value as JSON: what {@link #print} would put after the field's name. */
    String printValue(FieldDescriptor field, Object value) throws InvalidProtocolBufferException {
        StringBuilder out = new StringBuilder(256);
        fieldValue(out, field, value);
        return out.toString();
    }

    void message(StringBuilder out, MessageOrBuilder message) throws InvalidProtocolBufferException {
        Descriptor type = message.getDescriptorForType();
        String typeName = type.getFullName();
        if (typeName.startsWith("google.protobuf.") && wellKnown(out, message, type, typeName)) {
            return;
        }
        if (type.isExtendable()) {
            leaveToJsonFormat(out, message);
            return;
        }
        out.append('{');
        boolean first = true;
        for (FieldDescriptor field : fieldsByNumber(type)) {
            // JsonFormat's choice: fields with presence when set, every other field always.
            if (field.hasPresence() && !message.hasField(field)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(field.getJsonName()).append("\":");
            fieldValue(out, field, message.getField(field));
        }
        out.append('}');
    }

    private void fieldValue(StringBuilder out, FieldDescriptor field, Object value) throws InvalidProtocolBufferException {
        if (field.isMapField()) {
            map(out, field, (List<?>) value);
        } else if (field.isRepeated()) {
            out.append('[');
            List<?> elements = (List<?>) value;
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                single(out, field, elements.get(i), false);
            }
            out.append(']');
        } else {
            single(out, field, value, false);
        }
    }

    private void map(StringBuilder out, FieldDescriptor field, List<?> entries) throws InvalidProtocolBufferException {
        Descriptor entryType = field.getMessageType();
        FieldDescriptor key = entryType.findFieldByNumber(1);
        FieldDescriptor value = entryType.findFieldByNumber(2);
        out.append('{');
        for (int i = 0; i < entries.size(); i++) {
            MessageOrBuilder entry = (MessageOrBuilder) entries.get(i);
            if (i > 0) {
                out.append(',');
            }
            single(out, key, entry.getField(key), true);
            out.append(':');
            single(out, value, entry.getField(value), false);
        }
        out.append('}');
    }

    /** {@code quoted}: a map key, which JSON wants as a string whatever its type. */
    void single(StringBuilder out, FieldDescriptor field, Object value, boolean quoted) throws InvalidProtocolBufferException {
        switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> quotedIf(out, quoted, Integer.toString((Integer) value));
            case UINT32, FIXED32 -> quotedIf(out, quoted, Integer.toUnsignedString((Integer) value));
            case INT64, SINT64, SFIXED64 -> out.append('"').append((long) (Long) value).append('"');
            case UINT64, FIXED64 -> out.append('"').append(Long.toUnsignedString((Long) value)).append('"');
            case BOOL -> quotedIf(out, quoted, (Boolean) value ? "true" : "false");
            case FLOAT -> floating(out, quoted, (Float) value, Float.toString((Float) value));
            case DOUBLE -> floating(out, quoted, (Double) value, Double.toString((Double) value));
            case STRING -> string(out, (String) value);
            case BYTES -> out.append('"').append(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray())).append('"');
            case ENUM -> enumValue(out, field, (EnumValueDescriptor) value, quoted);
            case MESSAGE, GROUP -> message(out, (MessageOrBuilder) value);
        }
    }

    private static void quotedIf(StringBuilder out, boolean quoted, String text) {
        if (quoted) {
            out.append('"').append(text).append('"');
        } else {
            out.append(text);
        }
    }

    private static void floating(StringBuilder out, boolean quoted, double value, String text) {
        if (Double.isNaN(value)) {
            out.append("\"NaN\"");
        } else if (Double.isInfinite(value)) {
            out.append(value < 0 ? "\"-Infinity\"" : "\"Infinity\"");
        } else {
            quotedIf(out, quoted, text);
        }
    }

    private static void enumValue(StringBuilder out, FieldDescriptor field, EnumValueDescriptor value, boolean quoted) {
        if (field.getEnumType().getFullName().equals("google.protobuf.NullValue")) {
            quotedIf(out, quoted, "null");
        } else if (value.getIndex() == -1) {
            // A number this descriptor set does not know (a newer server): JSON keeps the number.
            out.append(value.getNumber());
        } else {
            out.append('"').append(value.getName()).append('"');
        }
    }

    static void string(StringBuilder out, String value) {
        out.append('"');
        int plainFrom = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escape;
            if (c < 128) {
                escape = ASCII_ESCAPES[c];
            } else if (c == '\u2028') {
                escape = "\\u2028";
            } else if (c == '\u2029') {
                escape = "\\u2029";
            } else {
                continue;
            }
            if (escape != null) {
                out.append(value, plainFrom, i).append(escape);
                plainFrom = i + 1;
            }
        }
        out.append(value, plainFrom, value.length()).append('"');
    }

    /** True when {@code message} was a well-known type with a JSON form of its own, now printed. */
    private boolean wellKnown(StringBuilder out, MessageOrBuilder message, Descriptor type, String typeName)
            throws InvalidProtocolBufferException {
        switch (typeName) {
            case "google.protobuf.Timestamp" -> timestamp(out, (Long) message.getField(type.findFieldByNumber(1)),
                    (Integer) message.getField(type.findFieldByNumber(2)));
            case "google.protobuf.Duration" -> duration(out, (Long) message.getField(type.findFieldByNumber(1)),
                    (Integer) message.getField(type.findFieldByNumber(2)));
            default -> {
                if (WRAPPERS.contains(typeName)) {
                    FieldDescriptor value = type.findFieldByNumber(1);
                    single(out, value, message.getField(value), false);
                } else if (LEFT_TO_JSON_FORMAT.contains(typeName)) {
                    leaveToJsonFormat(out, message);
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    private void leaveToJsonFormat(StringBuilder out, MessageOrBuilder message) throws InvalidProtocolBufferException {
        try {
            jsonFormat.appendTo(message, out);
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            // A StringBuilder never fails to append; IllegalArgumentException is a value JSON cannot hold.
            throw new InvalidProtocolBufferException(e.getMessage());
        }
    }

    /** RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, as {@code Timestamps.toString}. */
    static void timestamp(StringBuilder out, long seconds, int nanos) throws InvalidProtocolBufferException {
        if (seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS || nanos < 0 || nanos >= NANOS_PER_SECOND) {
            throw new InvalidProtocolBufferException("Timestamp out of range: " + seconds + " s, " + nanos + " ns");
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        out.append('"');
        digits(out, date.getYear(), 4).append('-');
        digits(out, date.getMonthValue(), 2).append('-');
        digits(out, date.getDayOfMonth(), 2).append('T');
        digits(out, secondOfDay / 3600, 2).append(':');
        digits(out, secondOfDay / 60 % 60, 2).append(':');
        digits(out, secondOfDay % 60, 2);
        fraction(out, nanos);
        out.append("Z\"");
    }

    /** Seconds with 0, 3, 6 or 9 fractional digits and an {@code s}, as {@code Durations.toString}. */
    static void duration(StringBuilder out, long seconds, int nanos) throws InvalidProtocolBufferException {
        if (seconds < -MAX_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS || nanos <= -NANOS_PER_SECOND
                || nanos >= NANOS_PER_SECOND || (seconds < 0 && nanos > 0) || (seconds > 0 && nanos < 0)) {
            throw new InvalidProtocolBufferException("Duration out of range: " + seconds + " s, " + nanos + " ns");
        }
        out.append('"');
        if (seconds < 0 || nanos < 0) {
            out.append('-');
        }
        out.append(Math.abs(seconds));
        fraction(out, Math.abs(nanos));
        out.append("s\"");
    }

    private static void fraction(StringBuilder out, int nanos) {
        if (nanos == 0) {
            return;
        }
        out.append('.');
        if (nanos % 1_000_000 == 0) {
            digits(out, nanos / 1_000_000, 3);
        } else if (nanos % 1_000 == 0) {
            digits(out, nanos / 1_000, 6);
        } else {
            digits(out, nanos, 9);
        }
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        for (int limit = 10, n = 1; n < width; n++, limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        return out.append(value);
    }

    FieldDescriptor[] fieldsByNumber(Descriptor type) {
        FieldDescriptor[] fields = fieldsByNumber.get(type);
        if (fields == null) {
            fields = type.getFields().toArray(FieldDescriptor[]::new);
            Arrays.sort(fields, Comparator.comparingInt(FieldDescriptor::getNumber));
            fieldsByNumber.put(type, fields);
        }
        return fields;
    }
}
