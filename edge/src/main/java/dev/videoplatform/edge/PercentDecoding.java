package dev.videoplatform.edge;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Percent-decoding of request paths and queries, strictly: a {@code %} without two hex digits, or
 * escapes that do not spell UTF-8, make the request invalid (400) rather than reaching a service
 * as a guess (Vert.x keeps {@code %zz} as is and turns bad UTF-8 into U+FFFD).
 */
final class PercentDecoding {

    /** RFC 6570 reserved characters: left encoded in multi-segment path variables. */
    private static final String RESERVED = ":/?#[]@!$&'()*+,;=";

    private PercentDecoding() {
    }

    /** One path segment; {@code +} stays a plus. {@code keepReserved} leaves reserved characters encoded. */
    static String pathSegment(String raw, boolean keepReserved) {
        return decode(raw, false, keepReserved, "path");
    }

    /**
     * A query string ({@code a=1&b=x+y&a=2}) as values by name, both in order of appearance;
     * {@code +} is a space, as HTML forms send it, and a name without {@code =} has the value "".
     */
    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), true, false, "query");
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), true, false, "query");
            parameters.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String raw, boolean plusIsSpace, boolean keepReserved, String where) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (!isHex(raw, i + 1) || !isHex(raw, i + 2)) {
                    throw new InvalidRequest("malformed percent-escape in the " + where + ": % must be followed by two hex digits");
                }
                int value = Integer.parseInt(raw.substring(i + 1, i + 3), 16);
                if (keepReserved && RESERVED.indexOf(value) >= 0) {
                    bytes.writeBytes(raw.substring(i, i + 3).getBytes(StandardCharsets.US_ASCII));
                } else {
                    bytes.write(value);
                }
                i += 3;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
                i++;
            } else {
                int codePoint = raw.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequest("percent-escapes in the " + where + " are not UTF-8");
        }
    }

    private static boolean isHex(String s, int index) {
        return index < s.length() && Character.digit(s.charAt(index), 16) >= 0;
    }
}
