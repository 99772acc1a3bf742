package dev.videoplatform.search;

import static dev.videoplatform.search.SearchClient.ids;

import dev.videoplatform.devstack.PackagedService;
import dev.videoplatform.search.Catalog.Video;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service (the jar here, the native executable in CI's native job) on the devstack: a
 * video.published event in from Kafka, the read model out over gRPC Search, health and metrics.
 */
@QuarkusIntegrationTest
class PackagedSearchServiceIT extends ClientTest {

    private final PackagedService service = new PackagedService();

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void aPublishedVideoBecomesSearchable() {
        String word = Catalog.word();
        Video video = Video.of("Packaged " + word, "A video found by the packaged service", "music");
        Catalog.published(video);
        client.awaitSearch(word, r -> ids(r).contains(video.id()), 20_000);
        service.assertRpcTimed("Search");
    }

    @Test
    void isReady() {
        service.assertReady();
    }
}
