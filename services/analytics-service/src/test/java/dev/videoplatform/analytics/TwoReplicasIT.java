package dev.videoplatform.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.ServiceProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

/**
 * Scaling out: two replicas split the partitions of analytics.events (each runs some of the
 * tasks), and either one answers the exact totals of every video from the shared read model.
 */
class TwoReplicasIT {

    private static final int VIEWS_PER_VIDEO = 600;

    @Test
    void twoReplicasSplitThePartitionsAndCountExactly() throws Exception {
        DevstackSettings stack = PackagedService.stack();
        Path work = Path.of("target", "replicas-it").toAbsolutePath();
        List<String> videos = PackagedService.videos(stack, 9);
        // Started together, as a Deployment scaled to two starts its pods.
        CompletableFuture<ServiceProcess> starting = CompletableFuture.supplyAsync(() -> start(stack, work, "two"));
        try (ServiceProcess one = start(stack, work, "one");
                ServiceProcess two = starting.join();
                AnalyticsClient clientOne = new AnalyticsClient(one.port());
                AnalyticsClient clientTwo = new AnalyticsClient(two.port());
                var views = PackagedService.producer(stack)) {
            List<Integer> split = awaitSplit(stack);
            assertEquals(3, split.stream().mapToInt(Integer::intValue).sum(), "partitions per replica " + split);
            assertTrue(split.size() == 2 && split.stream().allMatch(count -> count > 0), "each replica owns partitions: " + split);
            PackagedService.send(views, videos, round -> round < VIEWS_PER_VIDEO);
            KillRestartIT.assertExact(clientOne, videos, VIEWS_PER_VIDEO);
            KillRestartIT.assertExact(clientTwo, videos, VIEWS_PER_VIDEO);
        }
    }

    private static ServiceProcess start(DevstackSettings stack, Path work, String name) {
        try {
            return PackagedService.start(stack, work, name);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start", e);
        }
    }

    /**
     * The analytics.events partitions each group member owns, once both members own some (or
     * after 150 s). When one replica joined first and already owns every task, the other gets
     * them only after warming up, at a probing rebalance (one a minute, application.properties).
     */
    private static List<Integer> awaitSplit(DevstackSettings stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            long deadline = System.nanoTime() + 150_000_000_000L;
            List<Integer> split;
            do {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("analytics-service"))
                        .describedGroups().get("analytics-service").get(30, TimeUnit.SECONDS);
                split = group.members().stream().map(TwoReplicasIT::eventPartitions).toList();
                AnalyticsClient.sleep(500);
            } while (!(split.size() == 2 && !split.contains(0)) && System.nanoTime() < deadline);
            return split;
        }
    }

    private static int eventPartitions(MemberDescription member) {
        return (int) member.assignment().topicPartitions().stream().filter(p -> p.topic().equals("analytics.events")).count();
    }
}
