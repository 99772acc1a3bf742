package dev.videoplatform.gateway;

import com.google.api.AnnotationsProto;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.videoplatform.options.v1.Access;
import dev.videoplatform.options.v1.OptionsProto;
import java.util.List;

/**
 * The services clients reach through the gateway: those with at least one {@code google.api.http}
 * rule. Every RPC of such a service is listed (gRPC clients may call the ones without a rule), with
 * the {@code access} policy the contracts declare for it.
 */
public final class ClientFacingApi {

    /** One RPC of a client-facing service. */
    public record Rpc(String service, String method, Access access, boolean serverStreaming, boolean httpAnnotated) {

        /** The HTTP/2 path gRPC (and the transcoder, after transcoding) uses: {@code /package.Service/Method}. */
        public String grpcPath() {
            return "/" + service + "/" + method;
        }

        public boolean isPublic() {
            return access == Access.ACCESS_PUBLIC;
        }

        public boolean isInternal() {
            return access == Access.ACCESS_INTERNAL;
        }
    }

    /**
     * A client-facing service. {@code owner} is the service module that serves it, taken from the
     * package ({@code videoplatform.upload.v1} → {@code upload}), which is how deployments name
     * their upstreams.
     */
    public record Service(String fullName, String owner, List<Rpc> rpcs) {

        public String grpcPathPrefix() {
            return "/" + fullName + "/";
        }
    }

    private final List<Service> services;

    private ClientFacingApi(List<Service> services) {
        this.services = services;
    }

    public static ClientFacingApi of(DescriptorSet contracts) {
        return new ClientFacingApi(contracts.services().stream()
                .filter(ClientFacingApi::hasHttpRule)
                .map(ClientFacingApi::service)
                .toList());
    }

    public List<Service> services() {
        return services;
    }

    public List<Rpc> rpcs() {
        return services.stream().flatMap(service -> service.rpcs().stream()).toList();
    }

    private static boolean hasHttpRule(ServiceDescriptor service) {
        return service.getMethods().stream().anyMatch(ClientFacingApi::hasHttpRule);
    }

    private static boolean hasHttpRule(MethodDescriptor method) {
        return method.getOptions().hasExtension(AnnotationsProto.http);
    }

    private static Service service(ServiceDescriptor service) {
        List<Rpc> rpcs = service.getMethods().stream()
                .map(method -> new Rpc(service.getFullName(), method.getName(),
                        method.getOptions().getExtension(OptionsProto.access),
                        method.isServerStreaming(), hasHttpRule(method)))
                .toList();
        return new Service(service.getFullName(), owner(service.getFile().getPackage()), rpcs);
    }

    /** {@code videoplatform.user.v1} → {@code user}: the last package segment that is not a version. */
    static String owner(String protoPackage) {
        String[] segments = protoPackage.split("\\.");
        int last = segments.length - 1;
        if (last > 0 && segments[last].matches("v\\d+\\w*")) {
            last--;
        }
        return segments[last];
    }
}
