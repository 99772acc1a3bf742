package dev.videoplatform.e2e.fuzz;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.ExtensionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every HTTP route of the client-facing RPCs of some services, read from the contracts' descriptor
 * set ({@code google.api.http} rules and their additional bindings), so a new RPC is covered
 * without touching the test. Message and enum types are indexed by full name for the input generator.
 */
final class ClientRoutes {

    /**
     * One HTTP binding of an RPC: verb, path template, body field ("" none, "*" the whole
     * request), and whether the answer is a stream (it stays open while the client listens).
     */
    record Route(String rpc, String verb, String path, String body, DescriptorProto input, boolean serverStreaming) {
    }

    final List<Route> routes = new ArrayList<>();
    final Map<String, DescriptorProto> messages = new HashMap<>();
    final Map<String, EnumDescriptorProto> enums = new HashMap<>();

    static ClientRoutes of(Set<String> services) throws IOException {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        AnnotationsProto.registerAllExtensions(registry);
        FileDescriptorSet set;
        try (InputStream in = ClientRoutes.class.getClassLoader().getResourceAsStream("videoplatform/descriptor_set.pb")) {
            if (in == null) {
                throw new IllegalStateException("videoplatform/descriptor_set.pb is not on the classpath (proto module)");
            }
            set = FileDescriptorSet.parseFrom(in, registry);
        }
        ClientRoutes index = new ClientRoutes();
        for (FileDescriptorProto file : set.getFileList()) {
            String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
            file.getMessageTypeList().forEach(m -> index.addMessage(prefix, m));
            file.getEnumTypeList().forEach(e -> index.enums.put(prefix + e.getName(), e));
        }
        for (FileDescriptorProto file : set.getFileList()) {
            for (ServiceDescriptorProto service : file.getServiceList()) {
                String name = file.getPackage() + "." + service.getName();
                if (!services.contains(name)) {
                    continue;
                }
                for (MethodDescriptorProto method : service.getMethodList()) {
                    if (method.getClientStreaming() || !method.getOptions().hasExtension(AnnotationsProto.http)) {
                        continue;
                    }
                    HttpRule rule = method.getOptions().getExtension(AnnotationsProto.http);
                    DescriptorProto input = index.messages.get(method.getInputType().substring(1));
                    index.add(name + "/" + method.getName(), rule, input, method.getServerStreaming());
                    for (HttpRule additional : rule.getAdditionalBindingsList()) {
                        index.add(name + "/" + method.getName(), additional, input, method.getServerStreaming());
                    }
                }
            }
        }
        return index;
    }

    private void addMessage(String prefix, DescriptorProto message) {
        String name = prefix + message.getName();
        messages.put(name, message);
        message.getNestedTypeList().forEach(nested -> addMessage(name + ".", nested));
        message.getEnumTypeList().forEach(e -> enums.put(name + "." + e.getName(), e));
    }

    private void add(String rpc, HttpRule rule, DescriptorProto input, boolean serverStreaming) {
        String[] verbAndPath = switch (rule.getPatternCase()) {
            case GET -> new String[] {"GET", rule.getGet()};
            case POST -> new String[] {"POST", rule.getPost()};
            case PUT -> new String[] {"PUT", rule.getPut()};
            case PATCH -> new String[] {"PATCH", rule.getPatch()};
            case DELETE -> new String[] {"DELETE", rule.getDelete()};
            case CUSTOM -> new String[] {rule.getCustom().getKind(), rule.getCustom().getPath()};
            default -> throw new IllegalStateException(rpc + ": http rule without a pattern");
        };
        routes.add(new Route(rpc, verbAndPath[0], verbAndPath[1], rule.getBody(), input, serverStreaming));
    }
}
