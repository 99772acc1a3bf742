package dev.videoplatform.platform.grpc;

import com.google.protobuf.Descriptors;
import dev.videoplatform.options.v1.Access;
import dev.videoplatform.options.v1.OptionsProto;
import dev.videoplatform.options.v1.RateClass;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An RPC's access rule and rate-limit class, read once from the (videoplatform.options.v1) method
 * options in its proto descriptor. Unannotated RPCs are AUTHENTICATED and READ; the standard gRPC
 * health and reflection services are public, since probes carry no token, and health checks are
 * never rate-limited: a refused probe would take a healthy replica out of service.
 */
public record MethodPolicy(Access access, RateClass rateClass, boolean rateLimited) {

    private static final Map<String, MethodPolicy> CACHE = new ConcurrentHashMap<>();
    private static final MethodPolicy HEALTH = new MethodPolicy(Access.ACCESS_PUBLIC, RateClass.RATE_CLASS_READ, false);
    private static final MethodPolicy REFLECTION = new MethodPolicy(Access.ACCESS_PUBLIC, RateClass.RATE_CLASS_READ, true);

    public static MethodPolicy of(MethodDescriptor<?, ?> method) {
        return CACHE.computeIfAbsent(method.getFullMethodName(), name -> read(method));
    }

    private static MethodPolicy read(MethodDescriptor<?, ?> method) {
        String service = method.getServiceName() == null ? "" : method.getServiceName();
        if (service.startsWith("grpc.health.")) {
            return HEALTH;
        }
        if (service.startsWith("grpc.reflection.")) {
            return REFLECTION;
        }
        Access access = Access.ACCESS_AUTHENTICATED;
        RateClass rateClass = RateClass.RATE_CLASS_READ;
        if (method.getSchemaDescriptor() instanceof ProtoMethodDescriptorSupplier supplier) {
            Descriptors.MethodDescriptor descriptor = supplier.getMethodDescriptor();
            Access declared = descriptor.getOptions().getExtension(OptionsProto.access);
            if (declared != Access.ACCESS_UNSPECIFIED) {
                access = declared;
            }
            RateClass declaredClass = descriptor.getOptions().getExtension(OptionsProto.rateClass);
            if (declaredClass != RateClass.RATE_CLASS_UNSPECIFIED) {
                rateClass = declaredClass;
            }
        }
        return new MethodPolicy(access, rateClass, true);
    }
}
