package dev.videoplatform.operator.postgres;

import dev.videoplatform.devstack.PostgresProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The devstack's PostgreSQL (zonky's binaries) for this test JVM, on a free loopback port, stopped
 * at exit. Its own server rather than {@code Devstack.shared()}: the databases the operator creates
 * (users, videos, …) must not exist yet, which a reused devstack's do, and no Kafka is needed. Its
 * authentication is {@code trust}, as the devstack's: passwords are checked in pg_authid, not by
 * logging in; privileges (CONNECT) are enforced as on any server.
 */
public final class TestPostgres {

    public static final String SUPERUSER = "postgres";

    private static TestPostgres instance;

    private final int port;

    private TestPostgres(int port) {
        this.port = port;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            try {
                Path home = Files.createTempDirectory("operator-postgres");
                int port = freePort();
                PostgresProcess process = PostgresProcess.start(
                        Path.of(System.getProperty("java.io.tmpdir"), "videoplatform-postgres-operator-tests"),
                        home.resolve("data"), home.resolve("postgres.log"), port, false);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    process.close();
                    deleteTree(home);
                }, "operator-postgres-stop"));
                instance = new TestPostgres(port);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public int port() {
        return port;
    }

    public Connection connect(String database, String user) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, user, "");
    }

    /** Runs statements as the superuser, in the maintenance database. */
    public void execute(String... statements) {
        try (Connection connection = connect("postgres", SUPERUSER); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An admin as on a managed service (RDS, Cloud SQL): CREATEDB and CREATEROLE, no superuser. */
    public void createAdmin(String name, String password) {
        execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + name + "') THEN "
                + "CREATE ROLE " + name + " LOGIN CREATEDB CREATEROLE PASSWORD '" + password + "'; END IF; END $$");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
