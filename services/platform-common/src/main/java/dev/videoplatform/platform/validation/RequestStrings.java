package dev.videoplatform.platform.validation;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import dev.videoplatform.platform.error.Violations;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks every string of a request message, however deeply nested, against the {@link TextRule}.
 * Which fields to look at is worked out once per message type (only strings, and only message
 * fields that can lead to strings), and a message without a bad string is walked without
 * allocating, as this runs on every call: values are read through the generated getters (protobuf's
 * reflective {@code getField} allocates on each read; it remains for map fields, which no contract has).
 */
public final class RequestStrings {

    /** How to read one field: the value (a String, a message, or a list of either) and, for a singular message, its presence. */
    private record Field(FieldDescriptor descriptor, MethodHandle value, MethodHandle present, boolean lineBreaksAllowed) {
    }

    /** The fields of one message class worth walking. */
    private record Plan(Class<?> type, Field[] strings, Field[] messages) {
    }

    private static final MethodHandle GET_FIELD;
    private static final MethodHandle HAS_FIELD;
    private static final MethodType READER = MethodType.methodType(Object.class, Message.class);
    private static final MethodType TEST = MethodType.methodType(boolean.class, Message.class);
    private static final Map<Descriptor, Plan> PLANS = new ConcurrentHashMap<>();

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            GET_FIELD = lookup.findVirtual(MessageOrBuilder.class, "getField",
                    MethodType.methodType(Object.class, FieldDescriptor.class));
            HAS_FIELD = lookup.findVirtual(MessageOrBuilder.class, "hasField",
                    MethodType.methodType(boolean.class, FieldDescriptor.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RequestStrings() {
    }

    /** Throws INVALID_ARGUMENT naming every bad string by its field path (e.g. {@code video.tags[2]}). */
    public static void check(Message message) {
        if (walk(message, null, null)) {
            return;
        }
        Violations violations = new Violations();
        walk(message, "", violations);
        violations.throwIfAny();
    }

    /**
     * Without a sink: whether every string is clean, stopping at the first bad one, allocating
     * nothing. With a sink: records every bad string under its path (built only then).
     */
    private static boolean walk(Message message, String path, Violations sink) {
        Plan plan = plan(message);
        boolean clean = true;
        for (Field field : plan.strings) {
            Object value = read(field.value, message);
            if (value instanceof List<?> values) {
                for (int j = 0; j < values.size(); j++) {
                    String problem = TextRule.problem((String) values.get(j), field.lineBreaksAllowed);
                    if (problem != null) {
                        if (sink == null) {
                            return false;
                        }
                        sink.add(path(path, field) + "[" + j + "]", problem);
                        clean = false;
                    }
                }
            } else {
                String problem = TextRule.problem((String) value, field.lineBreaksAllowed);
                if (problem != null) {
                    if (sink == null) {
                        return false;
                    }
                    sink.add(path(path, field), problem);
                    clean = false;
                }
            }
        }
        for (Field field : plan.messages) {
            if (field.present != null && !test(field.present, message)) {
                continue;
            }
            Object value = read(field.value, message);
            if (value instanceof List<?> values) {
                for (int j = 0; j < values.size(); j++) {
                    if (!walk((Message) values.get(j), sink == null ? null : path(path, field) + "[" + j + "]", sink)) {
                        if (sink == null) {
                            return false;
                        }
                        clean = false;
                    }
                }
            } else if (!walk((Message) value, sink == null ? null : path(path, field), sink)) {
                if (sink == null) {
                    return false;
                }
                clean = false;
            }
        }
        return clean;
    }

    private static String path(String parent, Field field) {
        String name = field.descriptor.getName();
        return parent.isEmpty() ? name : parent + "." + name;
    }

    private static Object read(MethodHandle getter, Message message) {
        try {
            return (Object) getter.invokeExact(message);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read a request field", e);
        }
    }

    private static boolean test(MethodHandle has, Message message) {
        try {
            return (boolean) has.invokeExact(message);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read a request field", e);
        }
    }

    private static Plan plan(Message message) {
        Plan plan = PLANS.get(message.getDescriptorForType());
        if (plan == null) {
            plan = PLANS.computeIfAbsent(message.getDescriptorForType(), type -> build(type, message.getClass()));
        }
        // The same type as another class (a DynamicMessage, say): read it through protobuf's reflection.
        return plan.type == message.getClass() ? plan : build(message.getDescriptorForType(), message.getClass());
    }

    private static Plan build(Descriptor type, Class<?> messageClass) {
        List<Field> strings = new ArrayList<>();
        List<Field> messages = new ArrayList<>();
        for (FieldDescriptor field : type.getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.STRING) {
                strings.add(new Field(field, getter(messageClass, field), null, TextRule.allowsLineBreaks(field)));
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && leadsToStrings(field.getMessageType(), new HashSet<>(Set.of(type)))) {
                messages.add(new Field(field, getter(messageClass, field), presence(messageClass, field), false));
            }
        }
        return new Plan(messageClass, strings.toArray(Field[]::new), messages.toArray(Field[]::new));
    }

    /** Whether a message type holds a string somewhere below it; a type seen on the way (recursion) counts as yes. */
    private static boolean leadsToStrings(Descriptor type, Set<Descriptor> visiting) {
        if (!visiting.add(type)) {
            return true;
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.STRING || (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && leadsToStrings(field.getMessageType(), visiting))) {
                return true;
            }
        }
        return false;
    }

    /** The generated {@code getFoo()} / {@code getFooList()}, else protobuf's reflective {@code getField} (maps, dynamic messages). */
    private static MethodHandle getter(Class<?> messageClass, FieldDescriptor field) {
        if (!field.isMapField()) {
            MethodHandle generated = accessor(messageClass, "get" + camelCase(field) + (field.isRepeated() ? "List" : ""));
            Class<?> expected = field.isRepeated() ? List.class
                    : field.getJavaType() == FieldDescriptor.JavaType.STRING ? String.class : Message.class;
            // A name protobuf had to mangle (getClass_) finds another method: its type gives it away.
            if (generated != null && expected.isAssignableFrom(generated.type().returnType())) {
                return generated.asType(READER);
            }
        }
        return MethodHandles.insertArguments(GET_FIELD, 1, field).asType(READER);
    }

    /** {@code hasFoo()} of a singular message field; a list has none (an empty one costs nothing to walk). */
    private static MethodHandle presence(Class<?> messageClass, FieldDescriptor field) {
        if (field.isRepeated()) {
            return null;
        }
        MethodHandle generated = accessor(messageClass, "has" + camelCase(field));
        return generated != null && generated.type().returnType() == boolean.class ? generated.asType(TEST)
                : MethodHandles.insertArguments(HAS_FIELD, 1, field).asType(TEST);
    }

    private static MethodHandle accessor(Class<?> messageClass, String name) {
        try {
            return MethodHandles.publicLookup().unreflect(messageClass.getMethod(name));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** protobuf-java's accessor naming: {@code video_id} → {@code VideoId}, {@code sha256_hex} → {@code Sha256Hex}. */
    private static String camelCase(FieldDescriptor field) {
        StringBuilder name = new StringBuilder();
        boolean upper = true;
        for (char c : field.getName().toCharArray()) {
            if (Character.isLetter(c)) {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else if (Character.isDigit(c)) {
                name.append(c);
                upper = true;
            } else {
                upper = true;
            }
        }
        return name.toString();
    }
}
