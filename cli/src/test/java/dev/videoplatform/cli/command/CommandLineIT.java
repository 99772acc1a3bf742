package dev.videoplatform.cli.command;

import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/** {@link CommandLineTest} against the built executable: CI's native job runs it on the native binary. */
@QuarkusMainIntegrationTest
class CommandLineIT extends CommandLineTest {
}
