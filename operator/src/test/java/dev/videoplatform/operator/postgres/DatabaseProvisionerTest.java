package dev.videoplatform.operator.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's database logic against the devstack's real PostgreSQL, with an admin that is not a
 * superuser (as on RDS or Cloud SQL). Names carry a prefix of their own so that the reconciler test,
 * which creates the real ones in the same server, never meets them.
 */
class DatabaseProvisionerTest {

    static final String ADMIN = "dbtest_admin";

    static TestPostgres postgres;

    final DatabaseProvisioner provisioner = new DatabaseProvisioner();

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.get();
        postgres.createAdmin(ADMIN, "admin-secret");
    }

    @Test
    void eachServiceGetsItsOwnDatabaseAndLoginAndASecondPassChangesNothing() throws Exception {
        var users = new DatabaseProvisioner.ServiceDatabase("dbtest_users", "dbtest_login_users", "users-password");
        var videos = new DatabaseProvisioner.ServiceDatabase("dbtest_videos", "dbtest_login_videos", "videos-password");

        DatabaseProvisioner.Changes first = provisioner.ensure(admin(), List.of(users, videos));
        assertThat(first.createdLogins()).containsExactly("dbtest_login_users", "dbtest_login_videos");
        assertThat(first.createdDatabases()).containsExactly("dbtest_users", "dbtest_videos");
        assertThat(first.closedToPublic()).containsExactly("dbtest_users", "dbtest_videos");
        assertThat(first.passwordsSet()).isEmpty();

        assertThat(query("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'dbtest_users'"))
                .isEqualTo("dbtest_login_users");
        assertThat(query("SELECT rolcanlogin AND NOT rolsuper AND NOT rolcreatedb AND NOT rolcreaterole "
                + "AND NOT rolreplication FROM pg_roles WHERE rolname = 'dbtest_login_videos'")).isEqualTo("t");
        String usersHash = query("SELECT rolpassword FROM pg_authid WHERE rolname = 'dbtest_login_users'");
        assertThat(usersHash).as("a SCRAM verifier, not the password").startsWith("SCRAM-SHA-256$")
                .doesNotContain("users-password");

        // A login works in its own database, as its owner, and cannot even connect to another's.
        try (Connection own = postgres.connect("dbtest_users", "dbtest_login_users");
                Statement statement = own.createStatement()) {
            statement.execute("CREATE TABLE accounts (id bigint PRIMARY KEY)");
        }
        assertThatThrownBy(() -> postgres.connect("dbtest_videos", "dbtest_login_users").close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"))
                .hasMessageContaining("permission denied for database");
        assertThatThrownBy(() -> postgres.connect("dbtest_users", "dbtest_login_videos").close())
                .hasMessageContaining("permission denied for database");

        assertThat(provisioner.ensure(admin(), List.of(users, videos)).none())
                .as("a second pass over matching databases and logins changes nothing").isTrue();
        assertThat(query("SELECT rolpassword FROM pg_authid WHERE rolname = 'dbtest_login_users'")).isEqualTo(usersHash);

        // A new password in the Secret (a deleted Secret, generated again) reaches the login, and nothing else changes.
        var rotated = new DatabaseProvisioner.ServiceDatabase("dbtest_users", "dbtest_login_users", "rotated-password");
        DatabaseProvisioner.Changes rotation = provisioner.ensure(admin(), List.of(rotated, videos));
        assertThat(rotation.passwordsSet()).containsExactly("dbtest_login_users");
        assertThat(rotation.createdLogins()).isEmpty();
        assertThat(rotation.createdDatabases()).isEmpty();
        assertThat(query("SELECT rolpassword FROM pg_authid WHERE rolname = 'dbtest_login_users'")).isNotEqualTo(usersHash);
        assertThat(query("SELECT count(*) FROM pg_tables WHERE tablename = 'accounts'", "dbtest_users")).isEqualTo("1");
    }

    @Test
    void aLoginOrDatabaseTheOperatorDidNotMakeIsNeverTakenOver() {
        postgres.execute("DROP DATABASE IF EXISTS dbtest_taken", "DROP ROLE IF EXISTS dbtest_someone",
                "CREATE ROLE dbtest_someone LOGIN", "CREATE DATABASE dbtest_taken");

        assertThatThrownBy(() -> provisioner.ensure(admin(),
                List.of(new DatabaseProvisioner.ServiceDatabase("dbtest_other", "dbtest_someone", "p"))))
                .isInstanceOf(DatabaseProvisioningException.class)
                .hasMessageContaining("login dbtest_someone exists but was not made by the operator");
        assertThatThrownBy(() -> provisioner.ensure(admin(),
                List.of(new DatabaseProvisioner.ServiceDatabase("dbtest_taken", "dbtest_login_taken", "p"))))
                .isInstanceOf(DatabaseProvisioningException.class)
                .hasMessageContaining("database dbtest_taken exists and is owned by postgres, not dbtest_login_taken");
        assertThat(query("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'dbtest_taken'"))
                .isEqualTo("postgres");
    }

    @Test
    void anUnreachableServerIsAnErrorNamingIt() {
        var nowhere = new DatabaseProvisioner.AdminConnection("127.0.0.1", 1, "postgres", ADMIN, "admin-secret", "disable");
        assertThatThrownBy(() -> provisioner.ensure(nowhere,
                List.of(new DatabaseProvisioner.ServiceDatabase("dbtest_none", "dbtest_login_none", "p"))))
                .isInstanceOf(DatabaseProvisioningException.class)
                .hasMessageStartingWith("PostgreSQL at 127.0.0.1:1 as " + ADMIN + ": ");
    }

    private static DatabaseProvisioner.AdminConnection admin() {
        return new DatabaseProvisioner.AdminConnection("127.0.0.1", postgres.port(), "postgres", ADMIN, "admin-secret",
                "disable");
    }

    private static String query(String sql) {
        return query(sql, "postgres");
    }

    private static String query(String sql, String database) {
        try (Connection connection = postgres.connect(database, TestPostgres.SUPERUSER);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
