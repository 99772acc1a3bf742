package dev.videoplatform.edge;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random messages of any type a descriptor describes, leaning on the values JSON treats specially
 * (extremes, NaN, negative zero, unknown enum numbers, escapes, surrogate pairs, empty containers),
 * with well-known types holding values their JSON form accepts. Seeded: a failure names its seed.
 */
final class RandomMessages {

    private static final long MIN_TIMESTAMP_SECONDS = -62_135_596_800L;
    private static final long MAX_TIMESTAMP_SECONDS = 253_402_300_799L;
    private static final long MAX_DURATION_SECONDS = 315_576_000_000L;
    /**
     * Code points, so strings stay well-formed UTF-16 (a surrogate pair is never split): protobuf
     * logs a stack trace for every ill-formed string it serializes. Printing ill-formed strings is
     * Proto3JsonPrinterTest's everyUtf16CodeUnitIsEscapedOrNotAsGsonDoes.
     */
    private static final int[] TRICKY_CODE_POINTS = "aZ09 \"\\/\b\f\n\r\t\u0000\u001f\u007f<>&='é\u00a0\u2028\u2029€中\ud83d\ude00"
            .codePoints().toArray();

    private final Random random;
    private final Descriptor anyPayload;

    /** {@code anyPayload}: the type packed into {@code google.protobuf.Any} fields. */
    RandomMessages(long seed, Descriptor anyPayload) {
        this.random = new Random(seed);
        this.anyPayload = anyPayload;
    }

    Message message(Descriptor type, int depth) {
        DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
        switch (type.getFullName()) {
            case "google.protobuf.Timestamp" -> {
                message.setField(type.findFieldByNumber(1), between(MIN_TIMESTAMP_SECONDS, MAX_TIMESTAMP_SECONDS));
                message.setField(type.findFieldByNumber(2), nanos());
                return message.buildPartial();
            }
            case "google.protobuf.Duration" -> {
                long seconds = between(-MAX_DURATION_SECONDS, MAX_DURATION_SECONDS);
                int nanos = nanos();
                message.setField(type.findFieldByNumber(1), seconds);
                message.setField(type.findFieldByNumber(2), seconds < 0 || (seconds == 0 && random.nextBoolean()) ? -nanos : nanos);
                return message.buildPartial();
            }
            case "google.protobuf.Any" -> {
                if (random.nextInt(4) > 0) {
                    message.setField(type.findFieldByNumber(1), "type.googleapis.com/" + anyPayload.getFullName());
                    message.setField(type.findFieldByNumber(2), message(anyPayload, 0).toByteString());
                }
                return message.buildPartial();
            }
            case "google.protobuf.Value" -> {
                return value(type, depth);
            }
            case "google.protobuf.FieldMask" -> {
                for (int i = random.nextInt(3); i > 0; i--) {
                    message.addRepeatedField(type.findFieldByNumber(1), random.nextBoolean() ? "video_id" : "owner.display_name");
                }
                return message.buildPartial();
            }
            default -> {
                fill(message, type, depth);
                return message.buildPartial();
            }
        }
    }

    private void fill(DynamicMessage.Builder message, Descriptor type, int depth) {
        Set<OneofDescriptor> oneofsSet = new HashSet<>();
        for (FieldDescriptor field : type.getFields()) {
            if (random.nextInt(3) == 0 || (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth == 0)) {
                continue;
            }
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof != null && !oneofsSet.add(oneof)) {
                continue;
            }
            if (field.isMapField()) {
                Descriptor entryType = field.getMessageType();
                for (int i = random.nextInt(4); i > 0; i--) {
                    DynamicMessage.Builder entry = DynamicMessage.newBuilder(entryType);
                    entry.setField(entryType.findFieldByNumber(1), single(entryType.findFieldByNumber(1), depth - 1));
                    entry.setField(entryType.findFieldByNumber(2), single(entryType.findFieldByNumber(2), depth - 1));
                    message.addRepeatedField(field, entry.buildPartial());
                }
            } else if (field.isRepeated()) {
                for (int i = random.nextInt(4); i > 0; i--) {
                    message.addRepeatedField(field, single(field, depth - 1));
                }
            } else {
                message.setField(field, single(field, depth - 1));
            }
        }
    }

    private Object single(FieldDescriptor field, int depth) {
        return switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> pick(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, random.nextInt());
            case UINT32, FIXED32 -> pick(0, 1, -1, Integer.MIN_VALUE, random.nextInt());
            case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> pick(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong());
            case FLOAT -> pick(0f, -0f, 1.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e10f, 1e-10f,
                    Float.MIN_VALUE, random.nextFloat() * 1000 - 500);
            case DOUBLE -> pick(0d, -0d, 1.5d, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e21d, 1e-7d,
                    Double.MAX_VALUE, random.nextDouble() * 1e6 - 5e5);
            case BOOL -> random.nextBoolean();
            case STRING -> text();
            case BYTES -> {
                byte[] bytes = new byte[random.nextInt(10)];
                random.nextBytes(bytes);
                yield ByteString.copyFrom(bytes);
            }
            case ENUM -> {
                EnumDescriptor type = field.getEnumType();
                yield random.nextInt(5) == 0 && !type.isClosed()
                        ? type.findValueByNumberCreatingIfUnknown(100 + random.nextInt(100))
                        : type.getValues().get(random.nextInt(type.getValues().size()));
            }
            case MESSAGE, GROUP -> depth < 0
                    ? DynamicMessage.getDefaultInstance(field.getMessageType())
                    : message(field.getMessageType(), depth);
        };
    }

    /** A {@code google.protobuf.Value}: JSON's own value, so never NaN or infinite. */
    private Message value(Descriptor type, int depth) {
        DynamicMessage.Builder value = DynamicMessage.newBuilder(type);
        int kind = depth <= 0 ? random.nextInt(4) : random.nextInt(6);
        FieldDescriptor field = type.findFieldByNumber(kind + 1);
        switch (kind) {
            case 0 -> value.setField(field, field.getEnumType().findValueByNumber(0));
            case 1 -> value.setField(field, pick(0d, -2.5d, 1e21d, random.nextDouble()));
            case 2 -> value.setField(field, text());
            case 3 -> value.setField(field, random.nextBoolean());
            default -> value.setField(field, message(field.getMessageType(), depth - 1));
        }
        return value.buildPartial();
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.appendCodePoint(TRICKY_CODE_POINTS[random.nextInt(TRICKY_CODE_POINTS.length)]);
        }
        return text.toString();
    }

    private int nanos() {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
    }

    private long between(long min, long max) {
        return min + Math.floorMod(random.nextLong(), max - min + 1);
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    static List<Descriptor> withNested(List<Descriptor> types) {
        List<Descriptor> all = new java.util.ArrayList<>();
        for (Descriptor type : types) {
            if (!type.getOptions().getMapEntry()) {
                all.add(type);
            }
            all.addAll(withNested(type.getNestedTypes()));
        }
        return all;
    }
}
