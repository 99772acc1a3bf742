package dev.videoplatform.operator;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;

/**
 * Leader election through a Lease in the operator's namespace, so that a second replica (or an old
 * pod during a rollout) stands by instead of reconciling too. Active in the prod profile only
 * (QOSDK's default), not in tests or dev mode.
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {

    public LeaderElection() {
        super("videoplatform-operator-leader");
    }
}
