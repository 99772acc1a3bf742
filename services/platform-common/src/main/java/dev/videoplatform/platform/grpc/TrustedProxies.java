package dev.videoplatform.platform.grpc;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides who the client of a call is, from the peer address and the {@code x-forwarded-for}
 * entries: a trusted proxy's peer is replaced by the entry {@code hops} from the right (the one
 * the proxies appended, never the left-most that a client can write); anyone else is the client.
 */
public final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Cidr> proxies;
    private final int hops;

    public TrustedProxies(List<String> cidrs, int hops) {
        if (hops < 1) {
            throw new IllegalArgumentException("videoplatform.grpc.trusted-hops must be at least 1, not " + hops);
        }
        List<Cidr> parsed = new ArrayList<>();
        for (String cidr : cidrs) {
            parsed.add(Cidr.parse(cidr.trim()));
        }
        this.proxies = List.copyOf(parsed);
        this.hops = hops;
    }

    /**
     * The client's address: the forwarded entry when {@code peer} is a trusted proxy and the
     * entry is an IP address, else the peer itself.
     */
    public InetAddress clientOf(InetAddress peer, List<String> forwardedFor) {
        if (!trusts(peer) || forwardedFor.size() < hops) {
            return peer;
        }
        return literal(forwardedFor.get(forwardedFor.size() - hops)).orElse(peer);
    }

    boolean trusts(InetAddress peer) {
        for (Cidr proxy : proxies) {
            if (proxy.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    /** Parses an IP literal without ever resolving a host name. */
    static Optional<InetAddress> literal(String text) {
        String candidate = text.trim();
        if (IPV4.matcher(candidate).matches()) {
            for (String octet : candidate.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.empty();
                }
            }
        } else if (!IPV6.matcher(candidate).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An address block, e.g. {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of one. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            InetAddress parsed = literal(address).orElseThrow(() -> new IllegalArgumentException(
                    "videoplatform.grpc.trusted-proxies: '" + text + "' is not an IP address or CIDR"));
            int bits = parsed.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("videoplatform.grpc.trusted-proxies: '" + text
                        + "' has a prefix length outside 0.." + bits);
            }
            return new Cidr(parsed.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }
    }
}
