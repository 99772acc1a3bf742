package dev.videoplatform.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * pgbench replaying captured calls: one script per call (pgbench takes at most 128), each holding
 * that call's statements in order, their parameters as pgbench variables ({@code -D}) so that
 * they are sent as bind parameters, not spliced into the text. With {@code -M prepared} or
 * {@code -M extended}, pgbench then sends the same statement text and the same parameter values
 * over the same protocol as the service. A transaction is one replayed call; its latency comes
 * from pgbench's per-transaction log.
 */
final class Pgbench {

    static final int MAX_SCRIPTS = 128;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");

    private final Path dir;
    private final List<String> connection;
    private final String protocol;
    private final List<String> scriptArgs = new ArrayList<>();
    private int runs;

    /** {@code name}: a file-name prefix for this set of scripts; {@code calls}: each call's statements. */
    Pgbench(Path dir, String name, List<String> connection, boolean named, List<List<StatementCapture.Executed>> calls) {
        if (calls.size() > MAX_SCRIPTS) {
            throw new IllegalArgumentException("pgbench takes at most " + MAX_SCRIPTS + " scripts");
        }
        this.dir = dir;
        this.connection = connection;
        this.protocol = named ? "prepared" : "extended";
        try {
            for (int c = 0; c < calls.size(); c++) {
                StringBuilder script = new StringBuilder();
                List<StatementCapture.Executed> statements = calls.get(c);
                for (int s = 0; s < statements.size(); s++) {
                    StatementCapture.Executed executed = statements.get(s);
                    String prefix = name + c + "_" + s + "_";
                    Matcher m = PLACEHOLDER.matcher(executed.sql());
                    StringBuilder sql = new StringBuilder();
                    while (m.find()) {
                        String value = executed.parameters().get(Integer.parseInt(m.group(1)) - 1);
                        m.appendReplacement(sql, value == null ? "NULL" : ":" + prefix + m.group(1));
                    }
                    m.appendTail(sql);
                    script.append(sql).append(";\n");
                    for (int p = 0; p < executed.parameters().size(); p++) {
                        if (executed.parameters().get(p) != null) {
                            scriptArgs.add("-D");
                            scriptArgs.add(prefix + (p + 1) + "=" + executed.parameters().get(p));
                        }
                    }
                }
                Path file = dir.resolve(name + "-" + c + ".sql");
                Files.writeString(file, script.toString(), StandardCharsets.UTF_8);
                scriptArgs.add("-f");
                scriptArgs.add(file + "@1");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String protocol() {
        return protocol;
    }

    /** pgbench at {@code clients} for warm-up + measured time; counts the transactions that ended inside the measured part. */
    LoadResult run(String name, int clients, Duration warmup, Duration measured) throws IOException, InterruptedException {
        String logPrefix = dir.resolve("pgbench-log-" + runs++).toString();
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", protocol, "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, 2)), "-T", Long.toString(warmup.plus(measured).toSeconds()),
                "-l", "--log-prefix=" + logPrefix));
        command.addAll(connection);
        command.addAll(scriptArgs);
        Path output = dir.resolve("pgbench.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        int exit = process.waitFor();
        String out = Files.readString(output);
        long aborted = Pattern.compile("client \\d+ aborted").matcher(out).results().count();
        if (exit != 0 && aborted == 0) {
            throw new IllegalStateException("pgbench failed (" + exit + "):\n" + out);
        }
        List<long[]> done = new ArrayList<>();
        long failed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path log : files.filter(f -> f.toString().startsWith(logPrefix + ".")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    String[] f = line.split(" ");
                    if (!f[2].chars().allMatch(Character::isDigit)) {
                        failed++;
                        continue;
                    }
                    long latency = Long.parseLong(f[2]);
                    long end = Long.parseLong(f[4]) * 1_000_000 + Long.parseLong(f[5]);
                    done.add(new long[] {end - latency, end, latency});
                }
                Files.delete(log);
            }
        }
        long first = done.stream().mapToLong(d -> d[0]).min().orElse(0);
        long from = first + warmup.toNanos() / 1000;
        long to = from + measured.toNanos() / 1000;
        long[] latencies = done.stream().filter(d -> d[1] >= from && d[1] <= to).mapToLong(d -> d[2] * 1000).toArray();
        return new LoadResult(name, Integer.toString(clients), measured.toNanos() / 1e9, latencies, failed + aborted);
    }
}
