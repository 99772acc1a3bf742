package dev.videoplatform.platform.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void withNoTrustedProxiesTheForwardedHeaderIsIgnored() throws Exception {
        TrustedProxies none = new TrustedProxies(List.of(), 1);
        assertEquals(ip("203.0.113.9"), none.clientOf(ip("203.0.113.9"), List.of("6.6.6.6")));
    }

    @Test
    void aTrustedProxyVouchesForTheEntryItAppendedNotTheClientWrittenOne() throws Exception {
        TrustedProxies edge = new TrustedProxies(List.of("127.0.0.1/32", "10.0.0.0/8"), 1);
        assertEquals(ip("198.51.100.7"), edge.clientOf(ip("127.0.0.1"), List.of("6.6.6.6", "198.51.100.7")));
        assertEquals(ip("198.51.100.7"), edge.clientOf(ip("10.42.3.4"), List.of("198.51.100.7")));
        assertEquals(ip("11.0.0.1"), edge.clientOf(ip("11.0.0.1"), List.of("198.51.100.7")), "11/8 is not trusted");
    }

    @Test
    void twoTrustedHopsCountTwoEntriesFromTheRight() throws Exception {
        TrustedProxies chain = new TrustedProxies(List.of("10.0.0.0/8"), 2);
        assertEquals(ip("198.51.100.7"), chain.clientOf(ip("10.0.0.5"), List.of("6.6.6.6", "198.51.100.7", "10.1.1.1")));
        assertEquals(ip("10.0.0.5"), chain.clientOf(ip("10.0.0.5"), List.of("198.51.100.7")),
                "fewer entries than hops: the peer is all we know, as Envoy does");
    }

    @Test
    void anEntryThatIsNotAnAddressFallsBackToThePeer() throws Exception {
        TrustedProxies edge = new TrustedProxies(List.of("127.0.0.1"), 1);
        assertEquals(ip("127.0.0.1"), edge.clientOf(ip("127.0.0.1"), List.of("example.com")));
        assertEquals(ip("127.0.0.1"), edge.clientOf(ip("127.0.0.1"), List.of("300.1.1.1")));
        assertEquals(ip("2001:db8::1"), edge.clientOf(ip("127.0.0.1"), List.of("2001:db8::1")));
    }

    @Test
    void cidrsMatchOnTheirPrefixOnlyAndBadOnesFailAtStartUp() throws Exception {
        TrustedProxies proxies = new TrustedProxies(List.of("172.16.0.0/12", "fd00::/8"), 1);
        assertTrue(proxies.trusts(ip("172.31.255.255")));
        assertFalse(proxies.trusts(ip("172.32.0.0")));
        assertTrue(proxies.trusts(ip("fd12::1")));
        assertFalse(proxies.trusts(ip("fe80::1")));
        assertThrows(IllegalArgumentException.class, () -> new TrustedProxies(List.of("10.0.0.0/33"), 1));
        assertThrows(IllegalArgumentException.class, () -> new TrustedProxies(List.of("gateway.local"), 1));
        assertThrows(IllegalArgumentException.class, () -> new TrustedProxies(List.of(), 0));
    }
}
