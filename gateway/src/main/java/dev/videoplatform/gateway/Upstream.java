package dev.videoplatform.gateway;

/** A host and port Envoy connects to (a Kubernetes Service name, or an address). */
public record Upstream(String host, int port) {

    public Upstream {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("upstream host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("upstream port out of range: " + port);
        }
    }

    /** {@code host:port}. */
    public static Upstream parse(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected host:port, got " + hostAndPort);
        }
        try {
            return new Upstream(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port, got " + hostAndPort, e);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
