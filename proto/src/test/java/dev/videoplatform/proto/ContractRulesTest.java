package dev.videoplatform.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.ExtensionRegistry;
import dev.videoplatform.options.v1.Access;
import dev.videoplatform.options.v1.OptionsProto;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ContractRulesTest {

    static final Set<String> SERVICE_PACKAGES = Set.of("user", "upload", "transcode", "streaming",
            "search", "comment", "analytics", "recommendation", "notification", "admin");

    static FileDescriptorSet load() throws IOException {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        AnnotationsProto.registerAllExtensions(registry);
        OptionsProto.registerAllExtensions(registry);
        try (InputStream in = ContractRulesTest.class.getResourceAsStream("/videoplatform/descriptor_set.pb")) {
            assertNotNull(in, "descriptor set is not packaged");
            return FileDescriptorSet.parseFrom(in, registry);
        }
    }

    @Test
    void theContractsFollowTheHouseRules() throws IOException {
        List<String> violations = ContractRules.check(load());
        assertEquals(List.of(), violations, () -> String.join("\n", violations));
    }

    @Test
    void everyServiceOfTheArchitectureHasItsPackage() throws IOException {
        Set<String> packages = load().getFileList().stream()
                .filter(f -> f.getServiceCount() > 0)
                .map(FileDescriptorProto::getPackage)
                .collect(Collectors.toSet());
        for (String service : SERVICE_PACKAGES) {
            assertTrue(packages.contains("videoplatform." + service + ".v1"), "missing package for " + service);
        }
    }

    @Test
    void theDescriptorSetCarriesImportsAndSourceInfoForEnvoy() throws IOException {
        FileDescriptorSet set = load();
        Set<String> names = set.getFileList().stream().map(FileDescriptorProto::getName).collect(Collectors.toSet());
        assertTrue(names.contains("google/api/http.proto"), "imports are not included");
        assertTrue(names.contains("google/protobuf/timestamp.proto"), "imports are not included");
        FileDescriptorProto user = set.getFileList().stream()
                .filter(f -> f.getPackage().equals("videoplatform.user.v1")).findFirst().orElseThrow();
        assertTrue(user.hasSourceCodeInfo() && user.getSourceCodeInfo().getLocationCount() > 0,
                "source info is not included");
    }

    // The rules themselves must be able to fail: each synthetic contract below breaks one rule.

    @Test
    void aServiceOutsideTheVersionedPackageIsReported() {
        FileDescriptorProto file = file("videoplatform/misc/api.proto", "acme.misc")
                .addService(service("Misc", method("Get", Access.ACCESS_PUBLIC, get("/v1/misc/{id}"))))
                .build();
        assertViolation(file, "outside videoplatform.<service>.v1");
    }

    @Test
    void aClientFacingRpcWithoutAnHttpRuleIsReported() {
        FileDescriptorProto file = file("videoplatform/misc/v1/api.proto", "videoplatform.misc.v1")
                .addService(service("Misc", method("Get", Access.ACCESS_AUTHENTICATED, null)))
                .build();
        assertViolation(file, "has no google.api.http rule");
    }

    @Test
    void anAdminRpcNeedsAnHttpRuleUnlessItsServiceIsGrpcOnly() {
        FileDescriptorProto mixed = file("videoplatform/misc/v1/api.proto", "videoplatform.misc.v1")
                .addService(service("Misc", method("Get", Access.ACCESS_PUBLIC, get("/v1/misc/{id}")),
                        method("Purge", Access.ACCESS_ADMIN, null)))
                .build();
        assertViolation(mixed, "Misc/Purge is client-facing but has no google.api.http rule");
        FileDescriptorProto operatorTool = file("videoplatform/misc/v1/api.proto", "videoplatform.misc.v1")
                .addService(service("MiscAdmin", method("Purge", Access.ACCESS_ADMIN, null),
                        method("Reindex", Access.ACCESS_INTERNAL, null)))
                .build();
        List<String> violations = ContractRules.check(FileDescriptorSet.newBuilder().addFile(operatorTool).build());
        assertTrue(violations.stream().noneMatch(v -> v.contains("MiscAdmin")), violations::toString);
    }

    @Test
    void anInternalRpcWithAnHttpRuleIsReported() {
        FileDescriptorProto file = file("videoplatform/misc/v1/api.proto", "videoplatform.misc.v1")
                .addService(service("Misc", method("Get", Access.ACCESS_INTERNAL, get("/v1/misc/{id}"))))
                .build();
        assertViolation(file, "is internal but has");
    }

    @Test
    void collidingRulesAreReportedEvenWithOtherVariableNames() {
        FileDescriptorProto file = file("videoplatform/misc/v1/api.proto", "videoplatform.misc.v1")
                .addService(service("Misc",
                        method("Get", Access.ACCESS_PUBLIC, get("/v1/things/{thing_id}")),
                        method("Fetch", Access.ACCESS_PUBLIC, get("/v1/things/{id}"))))
                .build();
        assertViolation(file, "collide on GET /v1/things/{}");
    }

    @Test
    void aFieldThatIsNotLowerSnakeCaseIsReported() {
        FileDescriptorProto file = file("videoplatform/misc/v1/api.proto", "videoplatform.misc.v1")
                .addMessageType(DescriptorProto.newBuilder().setName("Thing")
                        .addField(field("videoId", 1, null)))
                .build();
        assertViolation(file, "videoId is not lower_snake_case");
    }

    @Test
    void anEnumWithoutUnspecifiedZeroIsReported() {
        FileDescriptorProto file = file("videoplatform/misc/v1/api.proto", "videoplatform.misc.v1")
                .addEnumType(EnumDescriptorProto.newBuilder().setName("Color")
                        .addValue(EnumValueDescriptorProto.newBuilder().setName("COLOR_RED").setNumber(0)))
                .build();
        assertViolation(file, "must start with *_UNSPECIFIED = 0");
    }

    @Test
    void anEventPayloadMissingFromTheEnvelopeIsReported() {
        DescriptorProto registered = event("ThingCreated", "thing.created");
        DescriptorProto forgotten = event("ThingDeleted", "thing.deleted");
        DescriptorProto envelope = DescriptorProto.newBuilder().setName(ContractRules.ENVELOPE)
                .addOneofDecl(OneofDescriptorProto.newBuilder().setName("payload"))
                .addField(field("thing_created", 20, ".videoplatform.events.v1.ThingCreated").toBuilder()
                        .setOneofIndex(0))
                .build();
        FileDescriptorProto file = file("videoplatform/events/v1/events.proto", ContractRules.EVENTS_PACKAGE)
                .addMessageType(registered).addMessageType(forgotten).addMessageType(envelope)
                .build();
        assertViolation(file, "ThingDeleted is not registered in EventEnvelope.payload");
    }

    private static void assertViolation(FileDescriptorProto file, String expected) {
        List<String> violations = ContractRules.check(FileDescriptorSet.newBuilder().addFile(file).build());
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)),
                () -> "expected a violation containing '" + expected + "', got " + violations);
    }

    private static FileDescriptorProto.Builder file(String name, String pkg) {
        return FileDescriptorProto.newBuilder().setName(name).setPackage(pkg);
    }

    private static ServiceDescriptorProto service(String name, MethodDescriptorProto... methods) {
        return ServiceDescriptorProto.newBuilder().setName(name).addAllMethod(List.of(methods)).build();
    }

    private static MethodDescriptorProto method(String name, Access access, HttpRule rule) {
        MethodOptions.Builder options = MethodOptions.newBuilder().setExtension(OptionsProto.access, access);
        if (rule != null) {
            options.setExtension(AnnotationsProto.http, rule);
        }
        return MethodDescriptorProto.newBuilder().setName(name)
                .setInputType(".google.protobuf.Empty").setOutputType(".google.protobuf.Empty")
                .setOptions(options).build();
    }

    private static HttpRule get(String path) {
        return HttpRule.newBuilder().setGet(path).build();
    }

    private static FieldDescriptorProto field(String name, int number, String messageType) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number);
        if (messageType == null) {
            field.setType(FieldDescriptorProto.Type.TYPE_STRING);
        } else {
            field.setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(messageType);
        }
        return field.build();
    }

    private static DescriptorProto event(String name, String type) {
        return DescriptorProto.newBuilder().setName(name)
                .setOptions(MessageOptions.newBuilder().setExtension(OptionsProto.eventType, type))
                .build();
    }
}
