package dev.videoplatform.cli.command;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A byte count as people write it: {@code 512}, {@code 64K}, {@code 8M}, {@code 1G} (powers of 1024). */
public class ByteSize implements ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        String text = value.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (text.endsWith("K") || text.endsWith("M") || text.endsWith("G")) {
            unit = switch (text.charAt(text.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                default -> 1L << 30;
            };
            text = text.substring(0, text.length() - 1);
        }
        try {
            long number = Long.parseLong(text);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(number, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is not a byte size such as 512, 64K, 8M or 1G");
        }
    }
}
