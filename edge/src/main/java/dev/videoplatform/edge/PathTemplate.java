package dev.videoplatform.edge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code google.api.http} path template (see google/api/http.proto):
 * <pre>
 * Template = "/" Segments [ Verb ] ;
 * Segments = Segment { "/" Segment } ;
 * Segment  = "*" | "**" | LITERAL | Variable ;
 * Variable = "{" FieldPath [ "=" Segments ] "}" ;
 * Verb     = ":" LITERAL ;
 * </pre>
 * A variable without {@code =} matches one segment. A single-segment variable's value is fully
 * percent-decoded; a multi-segment one keeps reserved characters (such as {@code %2F}) encoded, as
 * Envoy's transcoder does by default.
 */
public final class PathTemplate {

    /** What one template segment matches. */
    enum Kind {
        LITERAL, SINGLE, MULTI
    }

    record Segment(Kind kind, String literal) {
    }

    /** Segments {@code [start, end)} bind {@code fieldPath}; {@code end} is -1 when it runs to the end ({@code **}). */
    record Variable(String fieldPath, int start, int end) {
    }

    private final String text;
    private final List<Segment> segments;
    private final List<Variable> variables;
    private final String verb;
    private final int[] specificity;

    private PathTemplate(String text, List<Segment> segments, List<Variable> variables, String verb) {
        this.text = text;
        this.segments = segments;
        this.variables = variables;
        this.verb = verb;
        this.specificity = segments.stream().mapToInt(segment -> switch (segment.kind()) {
            case LITERAL -> 3;
            case SINGLE -> 2;
            case MULTI -> 1;
        }).toArray();
    }

    public static PathTemplate parse(String template) {
        return new Parser(template).parse();
    }

    public Optional<String> verb() {
        return Optional.ofNullable(verb);
    }

    public List<String> variableFieldPaths() {
        return variables.stream().map(Variable::fieldPath).toList();
    }

    /** The literal the template has at segment {@code index}, if that segment is a literal. */
    Optional<String> literalAt(int index) {
        return index < segments.size() && segments.get(index).kind() == Kind.LITERAL
                ? Optional.of(segments.get(index).literal()) : Optional.empty();
    }

    /**
     * Matches a request path already split into raw (still percent-encoded) segments, with its verb
     * separated, and the same segments fully decoded. Returns the variables' values by field path.
     */
    Optional<Map<String, String>> match(List<String> rawSegments, List<String> decodedSegments, String requestVerb) {
        if (!Objects.equals(verb, requestVerb)) {
            return Optional.empty();
        }
        boolean endsWithMulti = !segments.isEmpty() && segments.get(segments.size() - 1).kind() == Kind.MULTI;
        if (endsWithMulti ? rawSegments.size() < segments.size() - 1 : rawSegments.size() != segments.size()) {
            return Optional.empty();
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.kind() == Kind.LITERAL && !segment.literal().equals(decodedSegments.get(i))) {
                return Optional.empty();
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Variable variable : variables) {
            int end = variable.end() < 0 ? rawSegments.size() : variable.end();
            List<String> captured = rawSegments.subList(variable.start(), end);
            boolean singleSegment = variable.end() == variable.start() + 1 && segments.get(variable.start()).kind() == Kind.SINGLE;
            values.put(variable.fieldPath(), singleSegment
                    ? decodedSegments.get(variable.start())
                    : String.join("/", captured.stream().map(raw -> PercentDecoding.pathSegment(raw, true)).toList()));
        }
        return Optional.of(values);
    }

    /**
     * How specific the template is, segment by segment (literal over {@code *} over {@code **}), so
     * that {@code /v1/videos:search} wins over {@code /v1/{name=**}} when both match.
     */
    boolean moreSpecificThan(PathTemplate other) {
        return Arrays.compare(specificity, other.specificity) > 0;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Recursive descent over the grammar above. */
    private static final class Parser {
        private final String text;
        private int position;
        private final List<Segment> segments = new ArrayList<>();
        private final List<Variable> variables = new ArrayList<>();

        Parser(String text) {
            this.text = text;
        }

        PathTemplate parse() {
            expect('/');
            segments(false);
            String verb = null;
            if (peek(':')) {
                position++;
                verb = literal();
            }
            if (position != text.length()) {
                throw error("unexpected '" + text.charAt(position) + "'");
            }
            for (int i = 0; i < segments.size() - 1; i++) {
                if (segments.get(i).kind() == Kind.MULTI) {
                    throw error("'**' must be the last segment");
                }
            }
            return new PathTemplate(text, List.copyOf(segments), List.copyOf(variables), verb);
        }

        private void segments(boolean inVariable) {
            segment(inVariable);
            while (peek('/')) {
                position++;
                segment(inVariable);
            }
        }

        private void segment(boolean inVariable) {
            if (text.startsWith("**", position)) {
                position += 2;
                segments.add(new Segment(Kind.MULTI, null));
            } else if (peek('*')) {
                position++;
                segments.add(new Segment(Kind.SINGLE, null));
            } else if (peek('{')) {
                if (inVariable) {
                    throw error("nested variable");
                }
                variable();
            } else {
                segments.add(new Segment(Kind.LITERAL, literal()));
            }
        }

        private void variable() {
            expect('{');
            int start = position;
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_' || text.charAt(position) == '.')) {
                position++;
            }
            String fieldPath = text.substring(start, position);
            if (fieldPath.isEmpty()) {
                throw error("variable without a field path");
            }
            int first = segments.size();
            if (peek('=')) {
                position++;
                segments(true);
            } else {
                segments.add(new Segment(Kind.SINGLE, null));
            }
            expect('}');
            boolean runsToEnd = segments.get(segments.size() - 1).kind() == Kind.MULTI;
            variables.add(new Variable(fieldPath, first, runsToEnd ? -1 : segments.size()));
        }

        private String literal() {
            int start = position;
            while (position < text.length() && "/{}:*=".indexOf(text.charAt(position)) < 0) {
                position++;
            }
            if (start == position) {
                throw error("empty literal");
            }
            return text.substring(start, position);
        }

        private boolean peek(char c) {
            return position < text.length() && text.charAt(position) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            position++;
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("bad path template " + text + " at " + position + ": " + problem);
        }
    }
}
