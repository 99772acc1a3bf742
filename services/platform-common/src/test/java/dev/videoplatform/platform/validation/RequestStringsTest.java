package dev.videoplatform.platform.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.probe.v1.EchoRequest;
import io.grpc.Status;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestStringsTest {

    private static EchoRequest clean() {
        return EchoRequest.newBuilder().setText("héllo 👋").addTags("a").addTags("b")
                .addReplies(EchoRequest.newBuilder().setText("nested").addTags("c")).build();
    }

    @Test
    void aRequestOfCleanStringsPasses() {
        assertDoesNotThrow(() -> RequestStrings.check(clean()));
    }

    @Test
    void everyBadStringIsNamedByItsFieldPath() {
        EchoRequest bad = clean().toBuilder().setText("a\u0000b").setTags(1, "x\u0001")
                .setReplies(0, EchoRequest.newBuilder().addTags("ok").addTags("\uD800 lone")).build();
        DomainException e = assertThrows(DomainException.class, () -> RequestStrings.check(bad));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
        List<String> fields = e.violations().stream().map(DomainException.FieldViolation::field).toList();
        assertEquals(List.of("text", "tags[1]", "replies[0].tags[1]"), fields);
        assertEquals("must not contain NUL characters", e.violations().get(0).description());
    }

    @Test
    void lineBreaksAndTabsOnlyWhereAFieldAllowsThem() {
        assertTrue(TextRule.problem("two\nlines", false) != null);
        assertNull(TextRule.problem("two\r\nlines\tand a tab", true));
        assertTrue(TextRule.problem("bell\u0007", true) != null);
        assertTrue(TextRule.problem("nul\u0000", true) != null);
        assertThrows(DomainException.class, () -> RequestStrings.check(EchoRequest.newBuilder().setText("a\nb").build()));
    }

    @Test
    void aCleanRequestIsWalkedWithoutAllocating() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        EchoRequest request = clean();
        // The best of a few rounds: on a busy CPU the JIT may still be compiling during the first.
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                RequestStrings.check(request);
            }
            fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
        }
        // Some slack for the measuring itself; one allocation per walk would be megabytes.
        assertTrue(fewest < 100_000, fewest + " bytes allocated by 100,000 walks");
    }
}
