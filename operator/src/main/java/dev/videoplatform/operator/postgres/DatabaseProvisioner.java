package dev.videoplatform.operator.postgres;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * Creates each service's database and the login that owns it, with an admin login that has
 * CREATEDB and CREATEROLE (a superuser is not needed). Idempotent: what exists and matches is left
 * alone, so a second pass writes nothing. Least privilege: each login is a plain LOGIN role (no
 * superuser, createdb, createrole or replication) owning its own database, and PUBLIC loses CONNECT
 * (and TEMP) on it, so no other login but the admin's can connect. Existing objects the operator did
 * not make are never taken over: they are reported instead.
 */
@ApplicationScoped
// The driver instantiates its SSL socket factory by class name (sslmode allow, prefer, require);
// quarkus-jdbc-postgresql would register it for native images, the bare driver needs this.
@RegisterForReflection(targets = { org.postgresql.ssl.LibPQFactory.class, org.postgresql.ssl.DefaultJavaSSLFactory.class })
public class DatabaseProvisioner {

    /**
     * The comment on every login the operator made: a login without it is someone else's. It also
     * carries a SHA-256 fingerprint of the login's password (256 random bits, so the fingerprint
     * gives nothing away), so that a changed Secret is noticed without the privilege to read
     * pg_authid and without a login attempt per service.
     */
    static final String MARKER = "videoplatform-operator login; password sha256:";

    /** Where the operator connects, as whom, with which TLS mode. */
    public record AdminConnection(String host, int port, String database, String username, String password,
            String sslMode) {
    }

    /** One service's database and its login. */
    public record ServiceDatabase(String database, String login, String password) {
    }

    /** What a pass changed; {@link #none()} on a second pass. */
    public record Changes(List<String> createdLogins, List<String> passwordsSet, List<String> createdDatabases,
            List<String> closedToPublic) {

        public boolean none() {
            return createdLogins.isEmpty() && passwordsSet.isEmpty() && createdDatabases.isEmpty() && closedToPublic.isEmpty();
        }

        @Override
        public String toString() {
            return "created logins " + createdLogins + ", set passwords of " + passwordsSet + ", created databases "
                    + createdDatabases + ", closed to PUBLIC " + closedToPublic;
        }
    }

    public Changes ensure(AdminConnection admin, List<ServiceDatabase> databases) throws DatabaseProvisioningException {
        Changes changes = new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (Connection connection = connect(admin)) {
            connection.setAutoCommit(true);
            boolean superuser = isSuperuser(connection);
            for (ServiceDatabase database : databases) {
                ensureLogin(connection, database, changes);
                ensureDatabase(connection, database, superuser, changes);
            }
        } catch (SQLException e) {
            throw new DatabaseProvisioningException("PostgreSQL at " + admin.host() + ":" + admin.port() + " as "
                    + admin.username() + ": " + e.getMessage(), e);
        }
        return changes;
    }

    private static Connection connect(AdminConnection admin) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", admin.username());
        properties.setProperty("password", admin.password());
        properties.setProperty("sslmode", admin.sslMode());
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("ApplicationName", "videoplatform-operator");
        String url = "jdbc:postgresql://" + admin.host() + ":" + admin.port() + "/" + admin.database();
        // The driver itself, not DriverManager: no service-loader lookup (and nothing to register in native).
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver refused the URL " + url);
        }
        return connection;
    }

    private static void ensureLogin(Connection connection, ServiceDatabase database, Changes changes)
            throws SQLException, DatabaseProvisioningException {
        String login = database.login();
        String wanted = MARKER + fingerprint(database.password());
        Optional<String> comment;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT coalesce(shobj_description(oid, 'pg_authid'), '') FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, login);
            try (ResultSet rs = query.executeQuery()) {
                comment = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
        if (comment.isEmpty()) {
            execute(connection, "CREATE ROLE " + quote(login)
                    + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT");
            changes.createdLogins().add(login);
        } else if (!comment.get().startsWith(MARKER)) {
            throw new DatabaseProvisioningException("login " + login + " exists but was not made by the operator; "
                    + "drop it, or give the service a Secret of its own in spec.postgres.serviceSecrets");
        } else if (comment.get().equals(wanted)) {
            return;
        }
        // Hashed (SCRAM) by the driver: the password itself never reaches the server's statement log.
        connection.unwrap(PGConnection.class).alterUserPassword(login, database.password().toCharArray(), "scram-sha-256");
        execute(connection, "COMMENT ON ROLE " + quote(login) + " IS '" + wanted + "'");
        if (!changes.createdLogins().contains(login)) {
            changes.passwordsSet().add(login);
        }
    }

    private static void ensureDatabase(Connection connection, ServiceDatabase database, boolean superuser,
            Changes changes) throws SQLException, DatabaseProvisioningException {
        String name = database.database();
        String login = database.login();
        Optional<String> owner;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                owner = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
        if (owner.isEmpty()) {
            if (!superuser) {
                // CREATE DATABASE ... OWNER needs membership in the owner (with SET, since PostgreSQL 16).
                execute(connection, "GRANT " + quote(login) + " TO CURRENT_USER");
            }
            execute(connection, "CREATE DATABASE " + quote(name) + " OWNER " + quote(login));
            changes.createdDatabases().add(name);
        } else if (!owner.get().equals(login)) {
            throw new DatabaseProvisioningException("database " + name + " exists and is owned by " + owner.get()
                    + ", not " + login + "; change its owner (ALTER DATABASE, REASSIGN OWNED), or give the service "
                    + "a Secret of its own in spec.postgres.serviceSecrets");
        }
        if (openToPublic(connection, name)) {
            // As the owner, whose grant to PUBLIC this is (an admin that is not superuser cannot revoke it otherwise).
            execute(connection, "SET ROLE " + quote(login));
            try {
                execute(connection, "REVOKE ALL ON DATABASE " + quote(name) + " FROM PUBLIC");
            } finally {
                execute(connection, "RESET ROLE");
            }
            changes.closedToPublic().add(name);
        }
    }

    /** Whether PUBLIC (grantee 0) holds any privilege on the database, explicitly or by default. */
    private static boolean openToPublic(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_database d, "
                + "aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) acl WHERE d.datname = ? AND acl.grantee = 0)")) {
            query.setString(1, database);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean isSuperuser(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Names come from the service catalog (plain lowercase identifiers); quoted all the same. */
    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String fingerprint(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
