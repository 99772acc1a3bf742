package dev.videoplatform.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.videoplatform.edge.testapi.v1.JsonShapes;
import dev.videoplatform.gateway.DescriptorSet;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The edge turns upstream answers into JSON straight from their bytes. The oracle is what the
 * ordinary route gives: parse into a {@link DynamicMessage}, print with {@code JsonFormat} (or
 * refuse). Both must agree on every input, well-formed or not.
 */
class WireJsonPrinterTest {

    private static final JsonFormat.Printer JSON_FORMAT = JsonFormat.printer()
            .usingTypeRegistry(TypeRegistry.newBuilder().add(JsonShapes.getDescriptor()).build())
            .alwaysPrintFieldsWithNoPresence()
            .omittingInsignificantWhitespace();
    private static final WireJsonPrinter PRINTER = new WireJsonPrinter(new Proto3JsonPrinter(JSON_FORMAT));
    private static final long SEED = 20261122L;
    private static final Descriptor SHAPES = JsonShapes.getDescriptor();

    @Test
    void wellFormedMessagesPrintAsParsedOnesDoAndMostWithoutAParse() throws Exception {
        RandomMessages random = new RandomMessages(SEED, SHAPES);
        int readDirectly = 0;
        for (int i = 0; i < 1500; i++) {
            byte[] bytes = random.message(SHAPES, 2).toByteArray();
            assertAgrees(SHAPES, bytes, "message " + i);
            if (PRINTER.printPlain(SHAPES, bytes) != null) {
                readDirectly++;
            }
        }
        // Random shapes hold Any, Struct and friends about half the time, and those always take the parse.
        assertThat(readDirectly).as("read without a parse").isGreaterThan(200);
        byte[] plain = JsonShapes.newBuilder().setI64(-5).setText("a<b").addManyI64(1).addManyI64(-1).putByI64(7, dev.videoplatform.edge.testapi.v1.Shade.SHADE_DARK)
                .setAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5_000)).build().toByteArray();
        assertThat(PRINTER.printPlain(SHAPES, plain)).isEqualTo(JSON_FORMAT.print(DynamicMessage.parseFrom(SHAPES, plain)));
    }

    @Test
    void concatenatedEncodingsMergeAsTheyParse() throws Exception {
        // Last scalar wins, messages merge, repeated fields append, a later oneof member replaces an earlier one.
        RandomMessages random = new RandomMessages(SEED + 1, SHAPES);
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = concat(random.message(SHAPES, 2).toByteArray(), random.message(SHAPES, 2).toByteArray());
            assertAgrees(SHAPES, bytes, "concatenation " + i);
        }
    }

    @Test
    void damagedEncodingsArePrintedOrRefusedAsTheParseDecides() throws Exception {
        RandomMessages random = new RandomMessages(SEED + 2, SHAPES);
        Random damage = new Random(SEED + 3);
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = random.message(SHAPES, 1).toByteArray();
            if (bytes.length == 0) {
                continue;
            }
            byte[] damaged = switch (damage.nextInt(4)) {
                case 0 -> Arrays.copyOf(bytes, damage.nextInt(bytes.length));
                case 1 -> {
                    bytes[damage.nextInt(bytes.length)] = (byte) damage.nextInt(256);
                    yield bytes;
                }
                case 2 -> {
                    bytes[damage.nextInt(bytes.length)] ^= (byte) (1 << damage.nextInt(8));
                    yield bytes;
                }
                default -> {
                    int from = damage.nextInt(bytes.length);
                    yield concat(bytes, Arrays.copyOfRange(bytes, from, from + damage.nextInt(bytes.length - from + 1)));
                }
            };
            assertAgrees(SHAPES, damaged, "damaged " + i + " " + Arrays.toString(damaged));
        }
    }

    @Test
    void everyPlatformMessageAndForeignBytesAgreeToo() throws Exception {
        List<Descriptor> types = new ArrayList<>();
        for (FileDescriptor file : DescriptorSet.platform().files()) {
            types.addAll(RandomMessages.withNested(file.getMessageTypes()));
        }
        RandomMessages random = new RandomMessages(SEED + 4, SHAPES);
        for (Descriptor type : types) {
            for (int i = 0; i < 30; i++) {
                assertAgrees(type, random.message(type, 3).toByteArray(), type.getFullName() + " " + i);
                // Another type's bytes: unknown numbers, and known numbers with other wire types.
                assertAgrees(type, random.message(SHAPES, 1).toByteArray(), "shapes as " + type.getFullName() + " " + i);
            }
        }
    }

    private static void assertAgrees(Descriptor type, byte[] bytes, String what) {
        String expected;
        try {
            expected = JSON_FORMAT.print(DynamicMessage.parseFrom(type, bytes));
        } catch (InvalidProtocolBufferException | IllegalArgumentException refused) {
            expected = "refused";
        }
        String actual;
        try {
            actual = PRINTER.print(type, bytes);
        } catch (InvalidProtocolBufferException refused) {
            actual = "refused";
        }
        assertThat(actual).as("%s of seed %d", what, SEED).isEqualTo(expected);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(first);
        bytes.writeBytes(second);
        return bytes.toByteArray();
    }
}
