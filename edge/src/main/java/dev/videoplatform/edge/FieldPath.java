package dev.videoplatform.edge;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * A dotted path of fields from a request message ({@code video.video_id}), each step named by its
 * proto name or its JSON name; every step but the last is a singular message field.
 */
record FieldPath(String text, List<FieldDescriptor> fields) {

    static FieldPath resolve(Descriptor root, String dotted) {
        List<FieldDescriptor> fields = new ArrayList<>();
        Descriptor type = root;
        String[] names = dotted.split("\\.", -1);
        for (int i = 0; i < names.length; i++) {
            if (type == null) {
                throw new IllegalArgumentException(dotted + ": " + names[i - 1] + " is not a message");
            }
            FieldDescriptor field = find(type, names[i]);
            if (field == null) {
                throw new IllegalArgumentException(dotted + ": " + type.getFullName() + " has no field " + names[i]);
            }
            boolean last = i == names.length - 1;
            if (!last && (field.isRepeated() || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE)) {
                throw new IllegalArgumentException(dotted + ": " + names[i] + " is not a singular message");
            }
            fields.add(field);
            type = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? field.getMessageType() : null;
        }
        return new FieldPath(dotted, List.copyOf(fields));
    }

    /** The field of {@code type} with this proto or JSON name, or null. */
    static FieldDescriptor find(Descriptor type, String name) {
        FieldDescriptor byName = type.findFieldByName(name);
        if (byName != null) {
            return byName;
        }
        return type.getFields().stream().filter(f -> f.getJsonName().equals(name)).findFirst().orElse(null);
    }

    FieldDescriptor leaf() {
        return fields.get(fields.size() - 1);
    }
}
