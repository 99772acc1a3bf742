package dev.videoplatform.search;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test that talks to the service under test through a fresh anonymous client. */
abstract class ClientTest {

    SearchClient client;

    @BeforeEach
    void openClient() {
        client = new SearchClient();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }
}
