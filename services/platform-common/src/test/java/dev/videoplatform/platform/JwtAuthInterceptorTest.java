package dev.videoplatform.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videoplatform.devstack.TestServiceIdentity;
import dev.videoplatform.platform.auth.ServiceCredentials;
import dev.videoplatform.platform.probe.TestKeys;
import dev.videoplatform.probe.v1.EchoRequest;
import dev.videoplatform.probe.v1.EchoResponse;
import dev.videoplatform.probe.v1.ProbeServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JwtAuthInterceptorTest {

    private static final EchoRequest HI = EchoRequest.newBuilder().setText("hi").build();

    @ConfigProperty(name = "probe.signing-key-file")
    String signingKeyFile;

    @jakarta.inject.Inject
    dev.videoplatform.platform.auth.SuspendedUsers suspendedUsers;

    @jakarta.inject.Inject
    ServiceCredentials serviceCredentials;

    private ManagedChannel channel;
    private PrivateKey key;

    @BeforeEach
    void connect() {
        channel = ProbeClient.channel();
        key = TestKeys.readPrivateKey(signingKeyFile);
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    private String token(Set<String> roles) {
        return TestKeys.token(key, "user-42", roles, TestKeys.AUDIENCE, Duration.ofMinutes(5));
    }

    @Test
    void aValidTokenIdentifiesTheCaller() {
        EchoResponse response = ProbeClient.stub(channel, token(Set.of("user"))).whoAmI(EchoRequest.newBuilder().setText("hi").build());
        assertEquals("user-42", response.getUserId());
        assertEquals(java.util.List.of("user"), response.getRolesList());
    }

    @Test
    void publicCallsNeedNoTokenButStillIdentifyACallerWhoSendsOne() {
        assertEquals("", ProbeClient.stub(channel, null).publicEcho(EchoRequest.getDefaultInstance()).getUserId());
        assertEquals("user-42", ProbeClient.stub(channel, token(Set.of("user"))).publicEcho(EchoRequest.getDefaultInstance()).getUserId());
    }

    @Test
    void aMissingTokenIsUnauthenticated() {
        assertCode(Status.Code.UNAUTHENTICATED, () -> ProbeClient.stub(channel, null).whoAmI(EchoRequest.getDefaultInstance()));
    }

    @Test
    void anExpiredTokenIsUnauthenticated() {
        String expired = TestKeys.token(key, "user-42", Set.of("user"), TestKeys.AUDIENCE, Duration.ofMinutes(-5));
        assertCode(Status.Code.UNAUTHENTICATED, () -> ProbeClient.stub(channel, expired).whoAmI(EchoRequest.getDefaultInstance()));
    }

    @Test
    void aForgedTokenIsUnauthenticated() {
        PrivateKey rogue = TestKeys.newRsaKeyPair().getPrivate();
        String forged = TestKeys.token(rogue, "user-42", Set.of("admin"), TestKeys.AUDIENCE, Duration.ofMinutes(5));
        assertCode(Status.Code.UNAUTHENTICATED, () -> ProbeClient.stub(channel, forged).whoAmI(EchoRequest.getDefaultInstance()));
        // A forged token is refused even on a public RPC: a bad credential is never ignored.
        assertCode(Status.Code.UNAUTHENTICATED, () -> ProbeClient.stub(channel, forged).publicEcho(EchoRequest.getDefaultInstance()));
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthenticated() {
        String other = TestKeys.token(key, "user-42", Set.of("user"), "some-other-api", Duration.ofMinutes(5));
        assertCode(Status.Code.UNAUTHENTICATED, () -> ProbeClient.stub(channel, other).whoAmI(EchoRequest.getDefaultInstance()));
    }

    @Test
    void garbageInTheHeaderIsUnauthenticated() {
        assertCode(Status.Code.UNAUTHENTICATED, () -> ProbeClient.stub(channel, "not.a.jwt").whoAmI(EchoRequest.getDefaultInstance()));
    }

    @Test
    void theWrongRoleIsPermissionDenied() {
        assertCode(Status.Code.PERMISSION_DENIED,
                () -> ProbeClient.stub(channel, token(Set.of("user"))).adminEcho(EchoRequest.getDefaultInstance()));
        assertEquals("user-42", ProbeClient.stub(channel, token(Set.of("user", "admin")))
                .adminEcho(EchoRequest.getDefaultInstance()).getUserId());
    }

    @Test
    void aRememberedTokenStillStopsWorkingWhenItExpires() throws InterruptedException {
        String shortLived = TestKeys.token(key, "user-42", Set.of("user"), TestKeys.AUDIENCE, Duration.ofSeconds(2));
        assertEquals("user-42", ProbeClient.stub(channel, shortLived).whoAmI(EchoRequest.getDefaultInstance()).getUserId());
        assertEquals("user-42", ProbeClient.stub(channel, shortLived).whoAmI(EchoRequest.getDefaultInstance()).getUserId());
        Thread.sleep(4000); // past expiry plus the 1 s clock skew of the test configuration
        assertCode(Status.Code.UNAUTHENTICATED, () -> ProbeClient.stub(channel, shortLived).whoAmI(EchoRequest.getDefaultInstance()));
    }

    @Test
    void aSuspendedUsersValidTokenIsRefusedUntilReinstated() {
        String valid = token(Set.of("user"));
        suspendedUsers.suspend("user-42").await().indefinitely();
        try {
            assertCode(Status.Code.PERMISSION_DENIED, () -> ProbeClient.stub(channel, valid).whoAmI(EchoRequest.getDefaultInstance()));
        } finally {
            suspendedUsers.reinstate("user-42").await().indefinitely();
        }
        assertEquals("user-42", ProbeClient.stub(channel, valid).whoAmI(EchoRequest.getDefaultInstance()).getUserId());
    }

    // Internal RPCs: other services only, with a service token minted for the called service.

    @Test
    void anInternalRpcRefusesAnonymousCallersAndUsersEvenAdmins() {
        assertCode(Status.Code.UNAUTHENTICATED, () -> ProbeClient.stub(channel, null).internalEcho(HI));
        assertCode(Status.Code.PERMISSION_DENIED, () -> ProbeClient.stub(channel, token(Set.of("user"))).internalEcho(HI));
        assertCode(Status.Code.PERMISSION_DENIED, () -> ProbeClient.stub(channel, token(Set.of("user", "admin"))).internalEcho(HI));
    }

    @Test
    void theClientInterceptorsServiceTokenIsAccepted() {
        // A user's token put on the call before it reaches the credentials is replaced, never
        // passed along to an internal RPC (the last interceptor given runs first).
        Metadata userHeader = new Metadata();
        userHeader.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token(Set.of("admin")));
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
        assertEquals("user-42", ProbeClient.stub(channel, token(Set.of("user")))
                .withInterceptors(serviceCredentials).whoAmI(HI).getUserId());
    }

    static void assertCode(Status.Code expected, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(expected, e.getStatus().getCode(), e.getStatus().toString());
    }
}
