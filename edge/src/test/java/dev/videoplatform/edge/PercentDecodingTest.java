package dev.videoplatform.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PercentDecodingTest {

    @Test
    void queriesSplitOnAmpersandsWithPlusAsSpaceAndRepeatedNamesInOrder() {
        assertThat(PercentDecoding.query("a=1&b=x+y%2By&a=2&&flag&c=d=e&%C3%A9=%E2%82%AC"))
                .containsExactly(Map.entry("a", List.of("1", "2")), Map.entry("b", List.of("x y+y")), Map.entry("flag", List.of("")),
                        Map.entry("c", List.of("d=e")), Map.entry("é", List.of("€")));
        assertThat(PercentDecoding.query("a=1;b=2")).as("only & separates").containsExactly(Map.entry("a", List.of("1;b=2")));
    }

    @Test
    void malformedEscapesAndBytesThatAreNotUtf8AreRefused() {
        for (String bad : List.of("%", "a%", "%4", "%zz", "%4g", "%e9", "%c3%28", "%ed%a0%80", "%ff")) {
            assertThatThrownBy(() -> PercentDecoding.query("q=" + bad)).as(bad).isInstanceOf(InvalidRequest.class);
            assertThatThrownBy(() -> PercentDecoding.pathSegment(bad, false)).as(bad).isInstanceOf(InvalidRequest.class);
        }
    }
}
