package dev.videoplatform.operator;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Leader election through a Lease in the operator's namespace, so that a second replica (or an old
 * pod during a rollout) stands by instead of reconciling too. Active in the prod profile only
 * (QOSDK's default), not in tests or dev mode.
 *
 * <p>A leader that loses its Lease while running exits, so that it restarts as a stand-by. JOSDK's own
 * exit-on-stop-leading is off: it calls {@code System.exit} also when the operator releases the Lease
 * while shutting down, from inside the shutdown, which deadlocks the JVM (a SIGTERM never ends the pod;
 * Kubernetes kills it after its grace period). Here the exit is asynchronous and skipped on shutdown.
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);
    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    public LeaderElection() {
        super("videoplatform-operator-leader", null, LEASE_DURATION_DEFAULT_VALUE, RENEW_DEADLINE_DEFAULT_VALUE,
                RETRY_PERIOD_DEFAULT_VALUE, null,
                new LeaderCallbacks(() -> { }, LeaderElection::leadershipEnded, leader -> { }), false);
    }

    /** Runs before QOSDK stops the operator (and with it the leader elector) on the same event. */
    void shuttingDown(@Observes @Priority(1) ShutdownEvent event) {
        SHUTTING_DOWN.set(true);
    }

    private static void leadershipEnded() {
        if (SHUTTING_DOWN.get()) {
            LOG.info("Released the leader Lease on shutdown");
            return;
        }
        LOG.error("Lost the leader Lease (not renewed in time); exiting to restart as a stand-by");
        Quarkus.asyncExit(1);
    }
}
