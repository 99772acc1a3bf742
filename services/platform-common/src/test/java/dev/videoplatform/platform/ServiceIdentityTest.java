package dev.videoplatform.platform;

import static dev.videoplatform.platform.JwtAuthInterceptorTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videoplatform.devstack.TestServiceIdentity;
import dev.videoplatform.platform.auth.ServiceCredentials;
import dev.videoplatform.platform.probe.TestKeys;
import dev.videoplatform.probe.v1.EchoRequest;
import dev.videoplatform.probe.v1.EchoResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import dev.videoplatform.probe.v1.ProbeServiceGrpc;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Internal RPCs answer only other services, with a service token minted for the called service. */
@QuarkusTest
class ServiceIdentityTest {

    private static final EchoRequest HI = EchoRequest.newBuilder().setText("hi").build();

    @ConfigProperty(name = "probe.signing-key-file")
    String signingKeyFile;

    @Inject
    ServiceCredentials serviceCredentials;

    private ManagedChannel channel;
    private PrivateKey userKey;

    @BeforeEach
    void connect() throws Exception {
        channel = ProbeClient.channel();
        byte[] der = Base64.getDecoder().decode(Files.readString(Path.of(signingKeyFile)).trim());
        userKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    private String userToken(Set<String> roles) {
        return TestKeys.token(userKey, "user-42", roles, TestKeys.AUDIENCE, Duration.ofMinutes(5));
    }

    @Test
    void anInternalRpcRefusesAnonymousCallersAndUsersEvenAdmins() {
        assertCode(Status.Code.UNAUTHENTICATED, () -> ProbeClient.stub(channel, null).internalEcho(HI));
        assertCode(Status.Code.PERMISSION_DENIED, () -> ProbeClient.stub(channel, userToken(Set.of("user"))).internalEcho(HI));
        assertCode(Status.Code.PERMISSION_DENIED, () -> ProbeClient.stub(channel, userToken(Set.of("user", "admin"))).internalEcho(HI));
    }

    @Test
    void theClientInterceptorsServiceTokenIsAccepted() {
        // A user's token put on the call before it reaches the credentials is replaced, never
        // passed along to an internal RPC (the last interceptor given runs first).
        Metadata userHeader = new Metadata();
        userHeader.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + userToken(Set.of("admin")));
        EchoResponse response = ProbeServiceGrpc.newBlockingStub(channel)
                .withInterceptors(serviceCredentials, MetadataUtils.newAttachHeadersInterceptor(userHeader))
                .internalEcho(HI);
        assertEquals("probe", response.getServiceName());
        assertEquals("", response.getUserId());
        assertEquals(List.of("service"), response.getRolesList());
    }

    @Test
    void aServiceTokenMintedByAnotherServiceIsAccepted() {
        EchoResponse response = ProbeClient.stub(channel, TestServiceIdentity.token("streaming-service", "probe")).internalEcho(HI);
        assertEquals("streaming-service", response.getServiceName());
    }

    @Test
    void forgedExpiredMisaddressedOrUnsignedServiceTokensAreUnauthenticated() {
        String rogueKey = Base64.getEncoder().encodeToString(new byte[32]);
        List<String> bad = List.of(
                TestServiceIdentity.token("streaming-service", "probe", Duration.ofMinutes(5), rogueKey, "HS256"),
                TestServiceIdentity.token("streaming-service", "probe", Duration.ofMinutes(-5), TestServiceIdentity.key(), "HS256"),
                TestServiceIdentity.token("streaming-service", "upload", Duration.ofMinutes(5), TestServiceIdentity.key(), "HS256"),
                TestServiceIdentity.token("streaming-service", "probe", Duration.ofMinutes(5), TestServiceIdentity.key(), "none"),
                TestServiceIdentity.token("streaming-service", "probe", Duration.ofMinutes(5), TestServiceIdentity.key(), "RS256"),
                "not.a.jwt");
        for (String token : bad) {
            assertCode(Status.Code.UNAUTHENTICATED, () -> ProbeClient.stub(channel, token).internalEcho(HI));
        }
    }

    @Test
    void aServiceTokenIsNoUserTokenAndTheClientInterceptorLeavesOtherCallsAlone() {
        String serviceToken = TestServiceIdentity.token("streaming-service", "probe");
        assertCode(Status.Code.UNAUTHENTICATED, () -> ProbeClient.stub(channel, serviceToken).whoAmI(HI));
        assertCode(Status.Code.UNAUTHENTICATED, () -> ProbeClient.stub(channel, serviceToken).publicEcho(HI));
        assertCode(Status.Code.UNAUTHENTICATED, () -> ProbeClient.stub(channel, null).withInterceptors(serviceCredentials).whoAmI(HI));
        assertEquals("user-42", ProbeClient.stub(channel, userToken(Set.of("user")))
                .withInterceptors(serviceCredentials).whoAmI(HI).getUserId());
    }
}
