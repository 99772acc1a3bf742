package dev.videoplatform.platform.health;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says in the readiness check how the service's calls to other services fare: the state of
 * each named circuit breaker ({@code videoplatform.health.circuit-breakers}). It stays UP when a
 * circuit is open: the service still answers, through its fallbacks, and restarting or
 * unrouting it would not bring the other service back.
 */
@Readiness
@ApplicationScoped
public class DependencyCircuits implements HealthCheck {

    private final CircuitBreakerMaintenance circuits;
    private final List<String> names;

    public DependencyCircuits(CircuitBreakerMaintenance circuits,
            @ConfigProperty(name = "videoplatform.health.circuit-breakers") Optional<List<String>> names) {
        this.circuits = circuits;
        this.names = names.orElse(List.of());
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dependency circuits").up();
        for (String name : names) {
            response.withData(name, circuits.currentState(name).name());
        }
        return response.build();
    }
}
