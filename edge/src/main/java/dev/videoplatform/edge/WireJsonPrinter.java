package dev.videoplatform.edge;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proto3 JSON straight from a message's wire bytes: the text {@link Proto3JsonPrinter} gives for
 * the message parsed into a {@link DynamicMessage} ({@code WireJsonPrinterTest} holds it to
 * {@code JsonFormat} on random, concatenated and corrupted encodings), without building that
 * message, whose parse was the largest cost left on the edge's event loop. Only well-formed data
 * of plain proto3 types is read here. Anything else (a field with an unexpected wire type, groups,
 * truncated or non-UTF-8 data, types printed by {@code JsonFormat}) goes through the ordinary
 * parse, which also decides what is an error.
 */
final class WireJsonPrinter {

    /** Under the 100 levels {@link CodedInputStream} allows, so that the ordinary parse judges deeper data. */
    private static final int MAX_DEPTH = 90;
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LEN = 2;
    private static final int FIXED32 = 5;
    private static final byte[] EMPTY = new byte[0];

    /** Where this reader steps aside for the ordinary parse; no stack trace, it is not an error. */
    private static final class NotPlain extends Exception {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();

    private enum Kind {
        MESSAGE, TIMESTAMP, DURATION, WRAPPER, PARSED
    }

    /** How a field appears in JSON. */
    private enum Shape {
        SINGULAR, PRESENT_OR_ABSENT, LIST, MAP
    }

    /**
     * A message type as this reader needs it, per field in JSON's order (by number): its JSON key,
     * shape and wire type, worked out once (protobuf 4 derives several of them on every call).
     */
    private record Layout(Kind kind, FieldDescriptor[] fields, int[] numbers, String[] keys, Shape[] shapes,
                          boolean[] messages, boolean[] packables, int[] wireTypes, int[] oneofOf, int oneofCount) {

        int slot(int number) {
            return Arrays.binarySearch(numbers, number);
        }
    }

    private final Proto3JsonPrinter printer;
    private final Map<Descriptor, Layout> layouts = new ConcurrentHashMap<>();

    WireJsonPrinter(Proto3JsonPrinter printer) {
        this.printer = printer;
    }

    String print(Descriptor type, byte[] bytes) throws InvalidProtocolBufferException {
        String json = printPlain(type, bytes);
        return json != null ? json : printer.print(DynamicMessage.parseFrom(type, bytes));
    }

    /** The JSON when this reader could read {@code bytes} itself, else null. */
    String printPlain(Descriptor type, byte[] bytes) throws InvalidProtocolBufferException {
        StringBuilder out = new StringBuilder(64 + 2 * bytes.length);
        try {
            message(out, type, bytes, 0, bytes.length, 0);
            return out.toString();
        } catch (NotPlain e) {
            return null;
        }
    }

    private void message(StringBuilder out, Descriptor type, byte[] b, int from, int to, int depth)
            throws NotPlain, InvalidProtocolBufferException {
        if (depth > MAX_DEPTH) {
            throw NOT_PLAIN;
        }
        Layout layout = layout(type);
        if (layout.kind() == Kind.PARSED) {
            printer.message(out, DynamicMessage.parseFrom(type, ByteString.copyFrom(b, from, to - from)));
            return;
        }
        Fields fields = new Fields(layout, b, from, to);
        switch (layout.kind()) {
            case TIMESTAMP -> Proto3JsonPrinter.timestamp(out, fields.lastVarint(0), (int) fields.lastVarint(1));
            case DURATION -> Proto3JsonPrinter.duration(out, fields.lastVarint(0), (int) fields.lastVarint(1));
            case WRAPPER -> singular(out, fields, 0, false, depth);
            default -> {
                out.append('{');
                boolean first = true;
                for (int slot = 0; slot < layout.fields().length; slot++) {
                    Shape shape = layout.shapes()[slot];
                    if (shape == Shape.PRESENT_OR_ABSENT && fields.head[slot] < 0) {
                        continue;
                    }
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    out.append(layout.keys()[slot]);
                    if (shape == Shape.MAP) {
                        map(out, fields, slot, depth);
                    } else if (shape == Shape.LIST) {
                        repeated(out, fields, slot, depth);
                    } else {
                        singular(out, fields, slot, false, depth);
                    }
                }
                out.append('}');
            }
        }
    }

    /** The last occurrence wins, except for messages, whose occurrences merge (as their concatenation parses). */
    private void singular(StringBuilder out, Fields fields, int slot, boolean quoted, int depth)
            throws NotPlain, InvalidProtocolBufferException {
        FieldDescriptor field = fields.layout.fields()[slot];
        int first = fields.head[slot];
        if (fields.layout.messages()[slot]) {
            if (first < 0) {
                message(out, field.getMessageType(), EMPTY, 0, 0, depth + 1);
            } else if (fields.next(first) < 0) {
                message(out, field.getMessageType(), fields.b, fields.start(first), fields.end(first), depth + 1);
            } else {
                byte[] merged = fields.concatenation(first);
                message(out, field.getMessageType(), merged, 0, merged.length, depth + 1);
            }
            return;
        }
        int last = fields.tail[slot];
        printer.single(out, field, last < 0 ? field.getDefaultValue() : value(field, fields.b, fields.start(last), fields.end(last)), quoted);
    }

    private void repeated(StringBuilder out, Fields fields, int slot, int depth) throws NotPlain, InvalidProtocolBufferException {
        FieldDescriptor field = fields.layout.fields()[slot];
        int wireType = fields.layout.wireTypes()[slot];
        boolean messages = fields.layout.messages()[slot];
        out.append('[');
        boolean first = true;
        for (int r = fields.head[slot]; r >= 0; r = fields.next(r)) {
            if (messages) {
                first = separate(out, first);
                message(out, field.getMessageType(), fields.b, fields.start(r), fields.end(r), depth + 1);
            } else if (fields.wireType(r) == wireType) {
                first = separate(out, first);
                printer.single(out, field, value(field, fields.b, fields.start(r), fields.end(r)), false);
            } else {
                // Packed: the elements back to back inside one length-delimited record.
                for (int at = fields.start(r), end = fields.end(r); at < end; ) {
                    int next = wireType == VARINT ? varintEnd(fields.b, at, end) : at + (wireType == FIXED32 ? 4 : 8);
                    if (next > end) {
                        throw NOT_PLAIN;
                    }
                    first = separate(out, first);
                    printer.single(out, field, value(field, fields.b, at, next), false);
                    at = next;
                }
            }
        }
        out.append(']');
    }

    private void map(StringBuilder out, Fields fields, int slot, int depth) throws NotPlain, InvalidProtocolBufferException {
        Layout entryLayout = layout(fields.layout.fields()[slot].getMessageType());
        out.append('{');
        boolean first = true;
        for (int r = fields.head[slot]; r >= 0; r = fields.next(r)) {
            first = separate(out, first);
            Fields entry = new Fields(entryLayout, fields.b, fields.start(r), fields.end(r));
            singular(out, entry, 0, true, depth + 1);
            out.append(':');
            singular(out, entry, 1, false, depth + 1);
        }
        out.append('}');
    }

    private static boolean separate(StringBuilder out, boolean first) {
        if (!first) {
            out.append(',');
        }
        return false;
    }

    /** The value {@link DynamicMessage} would hold for one scalar record {@code [start, end)} (a varint, fixed or length-delimited body). */
    private static Object value(FieldDescriptor field, byte[] b, int start, int end) throws NotPlain {
        return switch (field.getType()) {
            case INT32, UINT32 -> (int) varint(b, start, end);
            case INT64, UINT64 -> varint(b, start, end);
            case SINT32 -> {
                int raw = (int) varint(b, start, end);
                yield (raw >>> 1) ^ -(raw & 1);
            }
            case SINT64 -> {
                long raw = varint(b, start, end);
                yield (raw >>> 1) ^ -(raw & 1);
            }
            case BOOL -> varint(b, start, end) != 0;
            case ENUM -> field.getEnumType().findValueByNumberCreatingIfUnknown((int) varint(b, start, end));
            case FIXED32, SFIXED32 -> fixed32(b, start);
            case FLOAT -> Float.intBitsToFloat(fixed32(b, start));
            case FIXED64, SFIXED64 -> fixed64(b, start);
            case DOUBLE -> Double.longBitsToDouble(fixed64(b, start));
            case STRING -> {
                String text = new String(b, start, end - start, StandardCharsets.UTF_8);
                // A replacement character may stand for bytes that are not UTF-8: the ordinary parse judges.
                if (text.indexOf('\uFFFD') >= 0) {
                    throw NOT_PLAIN;
                }
                yield text;
            }
            case BYTES -> ByteString.copyFrom(b, start, end - start);
            case MESSAGE, GROUP -> throw NOT_PLAIN;
        };
    }

    /** Every record of one message, chained per field in wire order; a oneof keeps only its last member's records. */
    private static final class Fields {

        final Layout layout;
        final byte[] b;
        final int[] head;
        final int[] tail;
        /** Per record: wire type, start, end, next record of the same field. */
        private int[] records = new int[32];
        private int count;

        Fields(Layout layout, byte[] b, int from, int to) throws NotPlain {
            this.layout = layout;
            this.b = b;
            int slots = layout.fields().length;
            head = new int[slots];
            tail = new int[slots];
            Arrays.fill(head, -1);
            Arrays.fill(tail, -1);
            int[] oneofMember = layout.oneofCount() == 0 ? null : new int[layout.oneofCount()];
            if (oneofMember != null) {
                Arrays.fill(oneofMember, -1);
            }
            int at = from;
            while (at < to) {
                int tagEnd = varintEnd(b, at, to);
                long tag = varint(b, at, tagEnd);
                if (tag >>> 3 == 0 || tag > 0xFFFF_FFFFL) {
                    throw NOT_PLAIN;
                }
                int wireType = (int) (tag & 7);
                int start = tagEnd;
                int end;
                switch (wireType) {
                    case VARINT -> end = varintEnd(b, start, to);
                    case FIXED64 -> end = start + 8;
                    case FIXED32 -> end = start + 4;
                    case LEN -> {
                        start = varintEnd(b, tagEnd, to);
                        long length = varint(b, tagEnd, start);
                        if (length < 0 || length > to - start) {
                            throw NOT_PLAIN;
                        }
                        end = start + (int) length;
                    }
                    default -> throw NOT_PLAIN; // groups, and wire types that do not exist
                }
                if (end > to) {
                    throw NOT_PLAIN;
                }
                int slot = layout.slot((int) (tag >>> 3));
                if (slot >= 0) {
                    if (wireType != layout.wireTypes()[slot] && !(wireType == LEN && layout.packables()[slot])) {
                        throw NOT_PLAIN;
                    }
                    // A parse checks the records it then drops (a string or bytes overwritten, a oneof member replaced): those go to it.
                    Shape shape = layout.shapes()[slot];
                    if (head[slot] >= 0 && wireType == LEN && (shape == Shape.SINGULAR || shape == Shape.PRESENT_OR_ABSENT)
                            && !layout.messages()[slot]) {
                        throw NOT_PLAIN;
                    }
                    int oneof = layout.oneofOf()[slot];
                    if (oneof >= 0) {
                        int replaced = oneofMember[oneof];
                        if (replaced >= 0 && replaced != slot) {
                            if (layout.wireTypes()[replaced] == LEN) {
                                throw NOT_PLAIN;
                            }
                            head[replaced] = -1;
                            tail[replaced] = -1;
                        }
                        oneofMember[oneof] = slot;
                    }
                    add(slot, wireType, start, end);
                }
                at = end;
            }
        }

        private void add(int slot, int wireType, int start, int end) {
            if ((count + 1) * 4 > records.length) {
                records = Arrays.copyOf(records, records.length * 2);
            }
            int r = count++;
            records[r * 4] = wireType;
            records[r * 4 + 1] = start;
            records[r * 4 + 2] = end;
            records[r * 4 + 3] = -1;
            if (head[slot] < 0) {
                head[slot] = r;
            } else {
                records[tail[slot] * 4 + 3] = r;
            }
            tail[slot] = r;
        }

        int wireType(int r) {
            return records[r * 4];
        }

        int start(int r) {
            return records[r * 4 + 1];
        }

        int end(int r) {
            return records[r * 4 + 2];
        }

        int next(int r) {
            return records[r * 4 + 3];
        }

        long lastVarint(int slot) throws NotPlain {
            int last = tail[slot];
            return last < 0 ? 0 : varint(b, start(last), end(last));
        }

        byte[] concatenation(int first) {
            int length = 0;
            for (int r = first; r >= 0; r = next(r)) {
                length += end(r) - start(r);
            }
            byte[] merged = new byte[length];
            int at = 0;
            for (int r = first; r >= 0; r = next(r)) {
                System.arraycopy(b, start(r), merged, at, end(r) - start(r));
                at += end(r) - start(r);
            }
            return merged;
        }
    }

    /**
     * The end of the varint starting at {@code at}, none past {@code limit}. A ten-byte varint must
     * end in 1, as every encoder writes it: protobuf's own decoders disagree on the value of any other.
     */
    private static int varintEnd(byte[] b, int at, int limit) throws NotPlain {
        for (int i = at; i < limit && i < at + 10; i++) {
            if (b[i] >= 0) {
                if (i == at + 9 && b[i] != 1) {
                    throw NOT_PLAIN;
                }
                return i + 1;
            }
        }
        throw NOT_PLAIN;
    }

    private static long varint(byte[] b, int start, int end) {
        long value = 0;
        for (int i = start, shift = 0; i < end; i++, shift += 7) {
            value |= (long) (b[i] & 0x7f) << shift;
        }
        return value;
    }

    private static int fixed32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static long fixed64(byte[] b, int at) {
        return (fixed32(b, at) & 0xffff_ffffL) | (long) fixed32(b, at + 4) << 32;
    }

    private Layout layout(Descriptor type) {
        Layout layout = layouts.get(type);
        if (layout == null) {
            layout = layoutOf(type);
            layouts.put(type, layout);
        }
        return layout;
    }

    private Layout layoutOf(Descriptor type) {
        String name = type.getFullName();
        FieldDescriptor[] fields = printer.fieldsByNumber(type);
        int[] numbers = new int[fields.length];
        String[] keys = new String[fields.length];
        int[] wireTypes = new int[fields.length];
        int[] oneofOf = new int[fields.length];
        Shape[] shapes = new Shape[fields.length];
        boolean[] messages = new boolean[fields.length];
        boolean[] packables = new boolean[fields.length];
        boolean plain = !type.isExtendable() && !Proto3JsonPrinter.LEFT_TO_JSON_FORMAT.contains(name);
        for (int i = 0; i < fields.length; i++) {
            FieldDescriptor field = fields[i];
            numbers[i] = field.getNumber();
            keys[i] = "\"" + field.getJsonName() + "\":";
            shapes[i] = field.isMapField() ? Shape.MAP : field.isRepeated() ? Shape.LIST
                    : field.hasPresence() ? Shape.PRESENT_OR_ABSENT : Shape.SINGULAR;
            messages[i] = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
            packables[i] = field.isPackable();
            wireTypes[i] = switch (field.getType()) {
                case FIXED64, SFIXED64, DOUBLE -> FIXED64;
                case FIXED32, SFIXED32, FLOAT -> FIXED32;
                case STRING, BYTES, MESSAGE -> LEN;
                case GROUP -> -1;
                default -> VARINT;
            };
            // Groups, closed enums (whose unknown numbers a parse moves to unknown fields) and required
            // fields (a parse refuses a message without them) are left to the parse.
            plain &= field.getType() != FieldDescriptor.Type.GROUP && !field.isRequired()
                    && !(field.getType() == FieldDescriptor.Type.ENUM && field.getEnumType().isClosed());
            oneofOf[i] = field.getRealContainingOneof() == null ? -1 : field.getRealContainingOneof().getIndex();
        }
        Kind kind = !plain ? Kind.PARSED
                : name.equals("google.protobuf.Timestamp") ? Kind.TIMESTAMP
                : name.equals("google.protobuf.Duration") ? Kind.DURATION
                : Proto3JsonPrinter.WRAPPERS.contains(name) ? Kind.WRAPPER
                : Kind.MESSAGE;
        return new Layout(kind, fields, numbers, keys, shapes, messages, packables, wireTypes, oneofOf,
                type.getRealOneofs().size());
    }
}
