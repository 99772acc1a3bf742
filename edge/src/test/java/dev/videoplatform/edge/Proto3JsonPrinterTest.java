package dev.videoplatform.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.videoplatform.edge.testapi.v1.JsonShapes;
import dev.videoplatform.gateway.DescriptorSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edge prints responses with its own printer; {@code JsonFormat}, configured as the edge
 * configures it, is the oracle it must match character for character.
 */
class Proto3JsonPrinterTest {

    private static final JsonFormat.Printer JSON_FORMAT = JsonFormat.printer()
            .usingTypeRegistry(TypeRegistry.newBuilder().add(JsonShapes.getDescriptor()).build())
            .alwaysPrintFieldsWithNoPresence()
            .omittingInsignificantWhitespace();
    private static final Proto3JsonPrinter PRINTER = new Proto3JsonPrinter(JSON_FORMAT);
    private static final long SEED = 20261122L;

    @Test
    void everyKindOfFieldPrintsAsJsonFormatPrintsIt() throws Exception {
        RandomMessages random = new RandomMessages(SEED, JsonShapes.getDescriptor());
        for (int i = 0; i < 2000; i++) {
            Message message = random.message(JsonShapes.getDescriptor(), 2);
            assertThat(PRINTER.print(message)).as("message %d of seed %d: %s", i, SEED, message).isEqualTo(JSON_FORMAT.print(message));
        }
    }

    @Test
    void everyPlatformMessagePrintsAsJsonFormatPrintsIt() throws Exception {
        // The descriptors the edge really runs on: linked from the descriptor set, not generated code.
        List<Descriptor> types = new ArrayList<>();
        for (FileDescriptor file : DescriptorSet.platform().files()) {
            types.addAll(RandomMessages.withNested(file.getMessageTypes()));
        }
        assertThat(types).extracting(Descriptor::getFullName).contains("videoplatform.upload.v1.Video", "google.protobuf.Timestamp");
        RandomMessages random = new RandomMessages(SEED, JsonShapes.getDescriptor());
        for (Descriptor type : types) {
            for (int i = 0; i < 40; i++) {
                Message message = random.message(type, 3);
                assertThat(PRINTER.print(message)).as("%s %d of seed %d: %s", type.getFullName(), i, SEED, message)
                        .isEqualTo(JSON_FORMAT.print(message));
            }
        }
    }

    @Test
    void everyUtf16CodeUnitIsEscapedOrNotAsGsonDoes() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            all.append(c);
        }
        JsonShapes message = JsonShapes.newBuilder().setText(all.toString()).putByText(all.substring(0, 300), "k").build();

        assertThat(PRINTER.print(message)).isEqualTo(JSON_FORMAT.print(message)).contains("\\u003c", "\\u2028", "\\u0000", "\\\"");
    }

    @Test
    void timestampsAndDurationsAtTheEdgesOfTheirRanges() throws Exception {
        long[][] timestamps = {{-62_135_596_800L, 0}, {253_402_300_799L, 999_999_999}, {0, 0}, {-1, 1}, {951_782_400L, 1_000},
            {-2_203_891_200L, 1_000_000}, {1_700_000_000L, 120_000_000}};
        for (long[] t : timestamps) {
            JsonShapes message = JsonShapes.newBuilder()
                    .setAt(Timestamp.newBuilder().setSeconds(t[0]).setNanos((int) t[1]))
                    .setTook(Duration.newBuilder().setSeconds(-t[0] % 315_576_000_000L).setNanos(t[0] > 0 ? -(int) t[1] : (int) t[1]))
                    .build();
            assertThat(PRINTER.print(message)).isEqualTo(JSON_FORMAT.print(message));
        }
        JsonShapes first = JsonShapes.newBuilder().setAt(Timestamp.newBuilder().setSeconds(-62_135_596_800L)).build();
        assertThat(PRINTER.print(first)).contains("\"at\":\"0001-01-01T00:00:00Z\"");
    }

    @Test
    void timesJsonCannotHoldAreRefusedNotPrinted() {
        JsonShapes late = JsonShapes.newBuilder().setAt(Timestamp.newBuilder().setSeconds(253_402_300_800L)).build();
        JsonShapes mixedSigns = JsonShapes.newBuilder().setTook(Duration.newBuilder().setSeconds(1).setNanos(-1)).build();
        JsonShapes nanValue = JsonShapes.newBuilder().setValue(com.google.protobuf.Value.newBuilder().setNumberValue(Double.NaN)).build();

        assertThatThrownBy(() -> PRINTER.print(late)).isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("Timestamp");
        assertThatThrownBy(() -> PRINTER.print(mixedSigns)).isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("Duration");
        assertThatThrownBy(() -> PRINTER.print(nanValue)).isInstanceOf(InvalidProtocolBufferException.class);
    }

    @Test
    void oneFieldPrintsAsItDoesInsideItsMessage() throws Exception {
        RandomMessages random = new RandomMessages(SEED, JsonShapes.getDescriptor());
        for (int i = 0; i < 200; i++) {
            Message message = random.message(JsonShapes.getDescriptor(), 2);
            String whole = PRINTER.print(message);
            for (FieldDescriptor field : JsonShapes.getDescriptor().getFields()) {
                if (!field.hasPresence() || message.hasField(field)) {
                    assertThat(whole).contains("\"" + field.getJsonName() + "\":" + PRINTER.printValue(field, message.getField(field)));
                }
            }
        }
    }
}
