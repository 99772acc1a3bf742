package dev.videoplatform.gateway;

/** How Envoy's transcoder gets the descriptor set: a mounted file, or embedded in envoy.yaml. */
public sealed interface DescriptorPlacement {

    /** {@code proto_descriptor}: a file Envoy reads, e.g. from a ConfigMap volume. */
    record Mounted(String path) implements DescriptorPlacement {
        public Mounted {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("descriptor path must be absolute: " + path);
            }
        }
    }

    /** {@code proto_descriptor_bin}: the set itself, base64 in envoy.yaml. */
    record Embedded() implements DescriptorPlacement {
    }

    static DescriptorPlacement mountedAt(String path) {
        return new Mounted(path);
    }

    static DescriptorPlacement embedded() {
        return new Embedded();
    }
}
