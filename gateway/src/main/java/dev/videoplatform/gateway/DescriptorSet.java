package dev.videoplatform.gateway;

import com.google.api.AnnotationsProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.videoplatform.options.v1.OptionsProto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code FileDescriptorSet} (as protoc writes it with imports) linked into live descriptors, with
 * {@code google.api.http} and the platform's own method options readable on every method.
 */
public final class DescriptorSet {

    /** Where the proto module puts the platform's descriptor set on the classpath. */
    public static final String PLATFORM_RESOURCE = "videoplatform/descriptor_set.pb";

    private final FileDescriptorSet proto;
    private final List<FileDescriptor> files;

    private DescriptorSet(FileDescriptorSet proto, List<FileDescriptor> files) {
        this.proto = proto;
        this.files = files;
    }

    public static DescriptorSet parse(byte[] bytes) {
        ExtensionRegistry extensions = ExtensionRegistry.newInstance();
        AnnotationsProto.registerAllExtensions(extensions);
        OptionsProto.registerAllExtensions(extensions);
        try {
            return link(FileDescriptorSet.parseFrom(bytes, extensions));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a FileDescriptorSet", e);
        }
    }

    /** The platform's contracts, from the proto module's jar. */
    public static DescriptorSet platform() {
        try (InputStream in = DescriptorSet.class.getClassLoader().getResourceAsStream(PLATFORM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PLATFORM_RESOURCE + " is not on the classpath (proto module missing?)");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DescriptorSet link(FileDescriptorSet set) {
        Map<String, FileDescriptorProto> byName = new LinkedHashMap<>();
        set.getFileList().forEach(file -> byName.put(file.getName(), file));
        Map<String, FileDescriptor> linked = new HashMap<>();
        List<FileDescriptor> files = new ArrayList<>();
        for (String name : byName.keySet()) {
            files.add(link(name, byName, linked));
        }
        return new DescriptorSet(set, List.copyOf(files));
    }

    private static FileDescriptor link(String name, Map<String, FileDescriptorProto> byName, Map<String, FileDescriptor> linked) {
        FileDescriptor done = linked.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto file = byName.get(name);
        if (file == null) {
            throw new IllegalArgumentException("descriptor set lacks " + name + " (was it written with imports?)");
        }
        FileDescriptor[] dependencies = file.getDependencyList().stream()
                .map(dependency -> link(dependency, byName, linked))
                .toArray(FileDescriptor[]::new);
        try {
            FileDescriptor descriptor = FileDescriptor.buildFrom(file, dependencies);
            linked.put(name, descriptor);
            return descriptor;
        } catch (DescriptorValidationException e) {
            throw new IllegalArgumentException("invalid descriptor " + name + ": " + e.getMessage(), e);
        }
    }

    /** The set as protoc wrote it (options parsed with the extensions above). */
    public FileDescriptorSet proto() {
        return proto;
    }

    public List<FileDescriptor> files() {
        return files;
    }

    public List<ServiceDescriptor> services() {
        return files.stream().flatMap(file -> file.getServices().stream()).toList();
    }
}
