package dev.videoplatform.cli.exit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videoplatform.cli.api.ApiException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExitCodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void httpStatusesMapToDocumentedCodes() {
        assertThat(ExitCode.forHttpStatus(401)).isEqualTo(3);
        assertThat(ExitCode.forHttpStatus(403)).isEqualTo(7);
        assertThat(ExitCode.forHttpStatus(404)).isEqualTo(4);
        assertThat(ExitCode.forHttpStatus(502)).isEqualTo(5);
        assertThat(ExitCode.forHttpStatus(503)).isEqualTo(5);
        assertThat(ExitCode.forHttpStatus(504)).isEqualTo(5);
        assertThat(ExitCode.forHttpStatus(400)).isEqualTo(1);
        assertThat(ExitCode.forHttpStatus(409)).isEqualTo(1);
        assertThat(ExitCode.forHttpStatus(500)).isEqualTo(1);
    }

    @Test
    void anInvalidArgumentShowsTheServersMessageAndFieldViolations() {
        ApiException error = ApiException.of(400, """
                {"code":3,"message":"invalid upload","details":[
                  {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_ARGUMENT","domain":"videoplatform.dev"},
                  {"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[
                    {"field":"title","description":"must not be empty"},
                    {"field":"size_bytes","description":"must be at most 2 GiB"}]}]}""", JSON);

        assertThat(error.getMessage()).isEqualTo("invalid upload (title: must not be empty; size_bytes: must be at most 2 GiB)");
        assertThat(error.reason()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.exitCode()).isEqualTo(ExitCode.FAILURE);
    }

    @Test
    void errorsOfTheSignedUrlAndOfStreamsAndNonJsonAnswersAreRead() {
        ApiException put = ApiException.of(403, "{\"code\":403,\"reason\":\"INVALID_SIGNATURE\",\"message\":\"the upload URL is invalid\"}", JSON);
        assertThat(put.getMessage()).isEqualTo("the upload URL is invalid");
        assertThat(put.reason()).isEqualTo("INVALID_SIGNATURE");
        assertThat(put.exitCode()).isEqualTo(ExitCode.FORBIDDEN);

        ApiException stream = ApiException.ofStreamError("{\"error\":{\"code\":5,\"message\":\"video v1 not found\"}}", JSON);
        assertThat(stream.getMessage()).isEqualTo("video v1 not found");
        assertThat(stream.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(ApiException.ofStreamError("{\"error\":{\"code\":14,\"message\":\"down\"}}", JSON).exitCode())
                .isEqualTo(ExitCode.UNAVAILABLE);

        ApiException html = ApiException.of(502, "<html>bad gateway</html>", JSON);
        assertThat(html.getMessage()).isEqualTo("the server answered HTTP 502");
        assertThat(html.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
    }

    @Test
    void unexpectedFailuresAreOneLineWithoutAStackTrace() {
        assertThat(ErrorReporter.exitCode(new CliException(ExitCode.NOT_FOUND, "no such file: a.mp4"))).isEqualTo(4);
        assertThat(ErrorReporter.exitCode(new CommandLine.ParameterException(new CommandLine(CommandLine.Model.CommandSpec.create()), "bad")))
                .isEqualTo(ExitCode.USAGE);
        assertThat(ErrorReporter.exitCode(new IllegalStateException("boom"))).isEqualTo(ExitCode.FAILURE);
        assertThat(ErrorReporter.message(new IllegalStateException("boom")))
                .isEqualTo("unexpected error (IllegalStateException): boom; run with --verbose for details")
                .doesNotContain("\n");
        assertThat(ErrorReporter.message(new java.io.IOException("disk full"))).isEqualTo("I/O error: disk full");
        assertThat(ErrorReporter.exitCode(new CliException(ExitCode.UNAVAILABLE, "down", new ConnectException()))).isEqualTo(5);
    }
}
