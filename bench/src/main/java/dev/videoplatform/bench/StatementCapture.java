package dev.videoplatform.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service sent to PostgreSQL for each call, read back from PostgreSQL's own log: while a
 * capture is on, every statement is logged with its parameters ({@code log_min_duration_statement
 * = 0}), and the bench's own connection logs a mark before each call and after the last one. The
 * calls must be made one at a time. So pgbench can replay exactly the SQL and parameter values of
 * the service, without the bench keeping a copy of the service's SQL that could drift from it.
 */
final class StatementCapture {

    /** One executed statement: its text with $n placeholders and its parameter values (null: SQL NULL). */
    record Executed(String sql, List<String> parameters) {
    }

    /** The statements of each captured call, and whether the service used named (cached) prepared statements. */
    record Calls(List<List<Executed>> statements, boolean namedStatements) {
    }

    private static final String MARK = "SELECT 'search-bench-mark'";
    private static final String PREFIX = "@@sb ";
    private static final Pattern ENTRY = Pattern.compile("@@sb (\\d+) (\\w+):  (.*)", Pattern.DOTALL);
    private static final Pattern EXECUTE = Pattern.compile("duration: [0-9.]+ ms  execute ([^:]+): (.*)", Pattern.DOTALL);

    private final Connection db;
    private final Path log;
    private long logOffset;
    private int ownPid;

    StatementCapture(Connection db, Path log) {
        this.db = db;
        this.log = log;
    }

    void start() throws SQLException, InterruptedException {
        try (Statement s = db.createStatement()) {
            s.execute("ALTER SYSTEM SET log_line_prefix = '" + PREFIX + "%p '");
            s.execute("ALTER SYSTEM SET log_min_duration_statement = 0");
            s.execute("ALTER SYSTEM SET log_parameter_max_length = -1");
            s.execute("SELECT pg_reload_conf()");
            // The postmaster signals every backend; each applies the settings before its next command.
            Thread.sleep(500);
            try (ResultSet pid = s.executeQuery("SELECT pg_backend_pid()")) {
                pid.next();
                ownPid = pid.getInt(1);
            }
        }
        logOffset = log.toFile().length();
        mark();
    }

    /** Call between calls (and once after the last): what was executed before belongs to the previous call. */
    void mark() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(MARK);
        }
    }

    Calls finish() throws SQLException, InterruptedException {
        try (Statement s = db.createStatement()) {
            s.execute("ALTER SYSTEM RESET log_line_prefix");
            s.execute("ALTER SYSTEM RESET log_min_duration_statement");
            s.execute("ALTER SYSTEM RESET log_parameter_max_length");
            s.execute("SELECT pg_reload_conf()");
        }
        Thread.sleep(500);
        return parse(entries());
    }

    private Calls parse(List<String[]> entries) {
        List<List<Executed>> calls = new ArrayList<>();
        List<Executed> current = null;
        boolean named = false;
        Map<String, String[]> lastExecuteOf = new HashMap<>();
        List<Object[]> executes = new ArrayList<>();
        for (String[] e : entries) {
            String pid = e[0];
            String level = e[1];
            String message = e[2];
            if (level.equals("LOG")) {
                Matcher m = EXECUTE.matcher(message);
                lastExecuteOf.remove(pid);
                if (m.matches()) {
                    String[] execute = {m.group(1), m.group(2).strip(), null};
                    lastExecuteOf.put(pid, execute);
                    executes.add(new Object[] {pid, execute});
                }
            } else if (level.equals("DETAIL") && message.startsWith("parameters: ") && lastExecuteOf.containsKey(pid)) {
                lastExecuteOf.remove(pid)[2] = message.substring("parameters: ".length());
            }
        }
        for (Object[] pidAndExecute : executes) {
            String[] execute = (String[]) pidAndExecute[1];
            if (Integer.parseInt((String) pidAndExecute[0]) == ownPid) {
                if (execute[1].equals(MARK)) {
                    if (current != null) {
                        calls.add(current);
                    }
                    current = new ArrayList<>();
                }
                continue;
            }
            if (current == null) {
                continue;
            }
            named |= !execute[0].equals("<unnamed>");
            current.add(new Executed(execute[1], execute[2] == null ? List.of() : parameters(execute[2])));
        }
        return new Calls(calls, named);
    }

    /** The log's entries since the capture started: pid, level, message (continuation lines joined). */
    private List<String[]> entries() {
        List<String[]> entries = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(logOffset);
            byte[] bytes = new byte[(int) (file.length() - logOffset)];
            file.readFully(bytes);
            StringBuilder entry = null;
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.startsWith(PREFIX)) {
                    add(entries, entry);
                    entry = new StringBuilder(line);
                } else if (entry != null) {
                    entry.append('\n').append(line);
                }
            }
            add(entries, entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static void add(List<String[]> entries, StringBuilder entry) {
        if (entry != null) {
            Matcher m = ENTRY.matcher(entry);
            if (m.matches()) {
                entries.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
    }

    /** {@code $1 = 'a''b', $2 = NULL} → [a'b, null]. */
    static List<String> parameters(String detail) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < detail.length()) {
            int eq = detail.indexOf(" = ", i);
            if (eq < 0) {
                break;
            }
            i = eq + 3;
            if (detail.startsWith("NULL", i)) {
                values.add(null);
                i += 4;
            } else {
                StringBuilder value = new StringBuilder();
                i++; // opening quote
                while (true) {
                    char c = detail.charAt(i++);
                    if (c == '\'') {
                        if (i < detail.length() && detail.charAt(i) == '\'') {
                            value.append('\'');
                            i++;
                            continue;
                        }
                        break;
                    }
                    value.append(c);
                }
                values.add(value.toString());
            }
            i = detail.startsWith(", ", i) ? i + 2 : detail.length();
        }
        return values;
    }
}
