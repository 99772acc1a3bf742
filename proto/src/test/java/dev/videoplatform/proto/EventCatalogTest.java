package dev.videoplatform.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.events.EventCatalog;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void theCatalogListsEveryEventTypeOnceWithItsDeadLetterTopic() {
        List<String> topics = EventCatalog.topics();
        assertEquals(topics.size(), new HashSet<>(topics).size(), "no topic twice");
        assertTrue(topics.containsAll(List.of("user.subscribed", "video.transcode", "video.transcode.failed",
                "admin.user.suspended", "analytics.events", "notification.email")), topics.toString());
        assertEquals(2 * topics.size(), EventCatalog.topicsWithDeadLetters().size());
        assertTrue(EventCatalog.topicsWithDeadLetters().contains("video.transcode.dlq"));
    }

    @Test
    void theTextCopyForToolsMatchesTheContracts() throws java.io.IOException {
        try (var in = getClass().getResourceAsStream("/META-INF/videoplatform/topics.txt")) {
            List<String> listed = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            assertEquals(EventCatalog.topics(), listed,
                    "proto/src/main/resources/META-INF/videoplatform/topics.txt must list exactly the event types, sorted");
        }
    }
}
