package dev.videoplatform.gateway;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.rpc.ErrorDetailsProto;
import com.google.rpc.StatusProto;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The descriptor set Envoy's transcoder loads: the contracts without comments (Envoy never reads
 * them, and the set may travel base64 inside envoy.yaml or a ConfigMap), plus {@code google.rpc}
 * Status and error details, which {@code convert_grpc_status} needs to print the details services
 * attach to errors, although no contract imports them.
 */
final class EnvoyDescriptorSet {

    private EnvoyDescriptorSet() {
    }

    static FileDescriptorSet of(DescriptorSet contracts) {
        FileDescriptorSet.Builder set = FileDescriptorSet.newBuilder();
        Set<String> present = new LinkedHashSet<>();
        for (FileDescriptorProto file : contracts.proto().getFileList()) {
            set.addFile(file.toBuilder().clearSourceCodeInfo());
            present.add(file.getName());
        }
        addWithDependencies(StatusProto.getDescriptor(), set, present);
        addWithDependencies(ErrorDetailsProto.getDescriptor(), set, present);
        return set.build();
    }

    /** Dependencies first: Envoy builds the files in the order they appear. */
    private static void addWithDependencies(FileDescriptor file, FileDescriptorSet.Builder set, Set<String> present) {
        if (present.contains(file.getName())) {
            return;
        }
        for (FileDescriptor dependency : file.getDependencies()) {
            addWithDependencies(dependency, set, present);
        }
        set.addFile(file.toProto());
        present.add(file.getName());
    }
}
