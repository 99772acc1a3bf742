package dev.videoplatform.platform.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videoplatform.platform.error.DomainException;
import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTokensTest {

    private final PageTokens tokens = new PageTokens("a-test-secret");

    @Test
    void aTokenRoundTripsForItsOwnQuery() {
        String token = tokens.encode("subscribers:u1", List.of("2026-11-21T10:00:00Z", "u9"));
        assertEquals(List.of("2026-11-21T10:00:00Z", "u9"), tokens.decode("subscribers:u1", token, "page_token"));
    }

    @Test
    void aTokenOfAnotherQueryIsRefused() {
        String token = tokens.encode("subscribers:u1", List.of("x"));
        assertInvalid(() -> tokens.decode("subscribers:u2", token, "page_token"));
    }

    @Test
    void aTamperedOrMadeUpTokenIsRefused() {
        String token = tokens.encode("q", List.of("100"));
        char[] chars = token.toCharArray();
        chars[0] = chars[0] == 'A' ? 'B' : 'A';
        assertInvalid(() -> tokens.decode("q", new String(chars), "page_token"));
        assertInvalid(() -> tokens.decode("q", "%%%not-base64", "page_token"));
        assertInvalid(() -> tokens.decode("q", "", "page_token"));
        assertInvalid(() -> new PageTokens("another-secret").decode("q", token, "page_token"));
    }

    @Test
    void pageSizesDefaultCapAndRefuseNegatives() {
        assertEquals(50, PageTokens.pageSize(0, 50, 200, "page_size"));
        assertEquals(7, PageTokens.pageSize(7, 50, 200, "page_size"));
        assertEquals(200, PageTokens.pageSize(10_000, 50, 200, "page_size"));
        assertInvalid(() -> PageTokens.pageSize(-1, 50, 200, "page_size"));
    }

    private static void assertInvalid(Runnable r) {
        DomainException e = assertThrows(DomainException.class, r::run);
        assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
    }
}
