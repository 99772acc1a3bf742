package dev.videoplatform.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import dev.videoplatform.gateway.DescriptorSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request building on the platform's own rules, where path, query and body meet in one message. */
class JsonTranscoderTest {

    private static final DescriptorSet PLATFORM = DescriptorSet.platform();
    private static final HttpRuleIndex RULES = HttpRuleIndex.of(PLATFORM);
    private static final JsonTranscoder JSON = new JsonTranscoder(PLATFORM);

    @Test
    void pathVariableWinsOverTheSameFieldInTheBodyWhicheverNameTheBodyUsed() throws Exception {
        HttpRuleIndex.Found found = (HttpRuleIndex.Found) RULES.match("PATCH", "/v1/videos/v1");

        DynamicMessage request = JSON.request(found.binding(), found.variables(), Map.of("update_mask", List.of("title,description")),
                "{\"video_id\":\"v2\",\"title\":\"Cats\"}");

        String json = JsonFormat.printer().omittingInsignificantWhitespace().print(request);
        assertThat(json).contains("\"videoId\":\"v1\"", "\"title\":\"Cats\"", "\"updateMask\":\"title,description\"");
    }

    @Test
    void repeatedQueryParameterBecomesAList() throws Exception {
        HttpRuleIndex.Found found = (HttpRuleIndex.Found) RULES.match("GET", "/v1/users:batchGet");

        DynamicMessage request = JSON.request(found.binding(), found.variables(), Map.of("user_ids", List.of("a", "b")), "");

        assertThat(JsonFormat.printer().omittingInsignificantWhitespace().print(request)).isEqualTo("{\"userIds\":[\"a\",\"b\"]}");
    }

    @Test
    void stringOnlyRequestsBuiltDirectlyEqualThoseBuiltThroughJson() throws Exception {
        // page_token alone takes the direct route; adding page_size (an int) sends the same request through JSON.
        HttpRuleIndex.Found found = (HttpRuleIndex.Found) RULES.match("GET", "/v1/channels/c1/videos");
        JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();

        DynamicMessage direct = JSON.request(found.binding(), found.variables(),
                Map.of("pageToken", List.of("t<1>"), "channel_id", List.of("from-query")), "");
        DynamicMessage throughJson = JSON.request(found.binding(), found.variables(),
                Map.of("pageToken", List.of("t<1>"), "channel_id", List.of("from-query"), "page_size", List.of("5")), "");

        assertThat(printer.print(direct)).isEqualTo("{\"channelId\":\"c1\",\"pageToken\":\"t\\u003c1\\u003e\"}");
        assertThat(printer.print(throughJson)).isEqualTo("{\"channelId\":\"c1\",\"pageSize\":5,\"pageToken\":\"t\\u003c1\\u003e\"}");
        assertThatThrownBy(() -> JSON.request(found.binding(), found.variables(), Map.of("page_token", List.of("a", "b")), ""))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("not repeated");
        assertThatThrownBy(() -> JSON.request(found.binding(), found.variables(), Map.of("pageTokn", List.of("a")), ""))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("unknown query parameter");
    }

    @Test
    void wholeBodyRequestsTakeNoQueryParameters() {
        HttpRuleIndex.Found found = (HttpRuleIndex.Found) RULES.match("POST", "/v1/users:register");

        assertThatThrownBy(() -> JSON.request(found.binding(), found.variables(), Map.of("username", List.of("x")), "{}"))
                .isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> JSON.request(found.binding(), found.variables(), Map.of(), "[1,2]"))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("JSON object");
    }

    @Test
    void errorsPrintAsStatusJsonWithTypedDetails() {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder().setCode(3).setMessage("bad")
                .addDetails(com.google.protobuf.Any.pack(com.google.rpc.ErrorInfo.newBuilder().setReason("TOO_LONG").setDomain("videoplatform.dev").build()))
                .build();

        assertThat(JSON.error(status)).isEqualTo("{\"code\":3,\"message\":\"bad\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"TOO_LONG\",\"domain\":\"videoplatform.dev\",\"metadata\":{}}]}");
    }
}
