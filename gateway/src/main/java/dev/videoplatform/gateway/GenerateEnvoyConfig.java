package dev.videoplatform.gateway;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line: writes {@code envoy.yaml} (and, unless embedded, the {@code descriptor_set.pb} Envoy
 * mounts) for the platform's contracts. Upstreams default to the Kubernetes Services the operator
 * creates for an instance: {@code <instance>-<service>:8080}.
 */
public final class GenerateEnvoyConfig {

    static final String USAGE = """
            usage: GenerateEnvoyConfig [options]
              --out DIR                      where to write envoy.yaml and descriptor_set.pb (default .)
              --instance NAME                VideoPlatform name; upstreams are NAME-<service>:8080 (default videoplatform)
              --service-port N               port of every service (default 8080)
              --upstream SERVICE=HOST:PORT   override one gRPC service's upstream (repeatable)
              --streaming HOST:PORT          streaming-service HTTP (default NAME-streaming:PORT)
              --jwks-uri URI                 default http://NAME-user:PORT/.well-known/jwks.json
              --issuer ISS                   default https://videoplatform.dev
              --audience AUD                 default videoplatform (repeatable)
              --cors-origin ORIGIN           allowed origin, * for any (repeatable; default *)
              --listener-port N              default 8080
              --descriptor-path PATH         where Envoy finds the descriptor set (default /etc/envoy/descriptor_set.pb)
              --embed-descriptor             put the descriptor set into envoy.yaml instead
              --descriptor-set FILE          contracts to use instead of the proto module's
            """;

    private GenerateEnvoyConfig() {
    }

    public static void main(String[] args) throws IOException {
        try {
            Path out = run(args);
            System.out.println("wrote " + out.resolve("envoy.yaml"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        }
    }

    /** Generates and writes; returns the output directory. */
    static Path run(String[] args) throws IOException {
        Map<String, List<String>> options = parse(args);
        String instance = single(options, "instance", "videoplatform");
        int servicePort = Integer.parseInt(single(options, "service-port", "8080"));
        DescriptorSet contracts = options.containsKey("descriptor-set")
                ? DescriptorSet.parse(Files.readAllBytes(Path.of(single(options, "descriptor-set", null))))
                : DescriptorSet.platform();

        GatewaySpec.Builder spec = GatewaySpec.forInstance(contracts, instance, servicePort)
                .listenerPort(Integer.parseInt(single(options, "listener-port", "8080")))
                .corsOrigins(options.getOrDefault("cors-origin", List.of("*")))
                .descriptor(options.containsKey("embed-descriptor")
                        ? DescriptorPlacement.embedded()
                        : DescriptorPlacement.mountedAt(single(options, "descriptor-path", GatewaySpec.DEFAULT_DESCRIPTOR_PATH)));
        if (options.containsKey("streaming")) {
            spec.streaming(Upstream.parse(single(options, "streaming", null)));
        }
        if (options.containsKey("jwks-uri") || options.containsKey("issuer") || options.containsKey("audience")) {
            spec.tokenIssuer(new TokenIssuer(
                    URI.create(single(options, "jwks-uri", "http://" + instance + "-user:" + servicePort + "/.well-known/jwks.json")),
                    single(options, "issuer", GatewaySpec.PLATFORM_ISSUER),
                    options.getOrDefault("audience", List.of(GatewaySpec.PLATFORM_AUDIENCE))));
        }
        for (String override : options.getOrDefault("upstream", List.of())) {
            int equals = override.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--upstream expects SERVICE=HOST:PORT, got " + override);
            }
            spec.grpcUpstream(override.substring(0, equals), Upstream.parse(override.substring(equals + 1)));
        }

        EnvoyConfig config = EnvoyConfigGenerator.generate(contracts, spec.build());
        Path out = Path.of(single(options, "out", "."));
        Files.createDirectories(out);
        Files.writeString(out.resolve("envoy.yaml"), config.yaml());
        if (!options.containsKey("embed-descriptor")) {
            Files.write(out.resolve("descriptor_set.pb"), config.descriptorSet());
        }
        return out;
    }

    private static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("embed-descriptor")) {
                options.put(name, List.of());
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            options.computeIfAbsent(name, key -> new ArrayList<>()).add(args[++i]);
        }
        return options;
    }

    private static String single(Map<String, List<String>> options, String name, String fallback) {
        List<String> values = options.get(name);
        if (values == null) {
            return fallback;
        }
        if (values.size() != 1) {
            throw new IllegalArgumentException("--" + name + " given more than once");
        }
        return values.get(0);
    }
}
