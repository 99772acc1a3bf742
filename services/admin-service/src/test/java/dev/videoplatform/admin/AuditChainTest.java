package dev.videoplatform.admin;

import static dev.videoplatform.admin.AdminClient.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.admin.v1.AuditEntry;
import dev.videoplatform.admin.v1.ListAuditLogRequest;
import dev.videoplatform.admin.v1.SuspendUserRequest;
import dev.videoplatform.admin.v1.VerifyAuditLogRequest;
import dev.videoplatform.admin.v1.VerifyAuditLogResponse;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The audit log is append-only, chained, and a row altered behind the service's back is found. */
@QuarkusTest
class AuditChainTest {

    private static final AdminClient client = new AdminClient();
    private final String admin = newId();

    @AfterAll
    static void close() {
        client.close();
    }

    private static Connection database() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    private AuditEntry suspendSomebody() {
        return client.asAdmin(admin).suspendUser(SuspendUserRequest.newBuilder().setUserId(Owners.newUser())
                .setReason("spam").build()).getAuditEntry();
    }

    @Test
    void entriesChainAndTheChainVerifies() {
        AuditEntry first = suspendSomebody();
        AuditEntry second = suspendSomebody();
        assertEquals(first.getHash(), second.getPreviousHash());
        List<AuditEntry> newestFirst = client.asAdmin(admin).listAuditLog(ListAuditLogRequest.newBuilder()
                .setActorId(admin).build()).getEntriesList();
        assertEquals(List.of(second, first), newestFirst);

        VerifyAuditLogResponse verdict = client.asAdmin(admin).verifyAuditLog(VerifyAuditLogRequest.getDefaultInstance());
        assertTrue(verdict.getIntact(), verdict.toString());
        assertTrue(verdict.getCheckedCount() >= 2);
    }

    @Test
    void theServicesOwnRoleCannotChangeOrRemoveEntries() throws SQLException {
        AuditEntry entry = suspendSomebody();
        try (Connection db = database(); Statement sql = db.createStatement()) {
            SQLException update = assertThrows(SQLException.class, () -> sql.executeUpdate(
                    "UPDATE audit_entry SET reason = 'nothing' WHERE id = '" + entry.getAuditEntryId() + "'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> sql.executeUpdate(
                    "DELETE FROM audit_entry WHERE id = '" + entry.getAuditEntryId() + "'"));
            assertThrows(SQLException.class, () -> sql.executeUpdate("TRUNCATE audit_entry"));
        }
    }

    @Test
    void aRowAlteredByADatabaseAdministratorIsNamed() throws SQLException {
        AuditEntry altered = suspendSomebody();
        suspendSomebody();
        try (Connection db = database()) {
            rewriteReason(db, altered.getAuditEntryId(), "nothing to see here");
            try {
                VerifyAuditLogResponse verdict = client.asAdmin(admin).verifyAuditLog(VerifyAuditLogRequest.getDefaultInstance());
                assertFalse(verdict.getIntact());
                assertEquals(altered.getAuditEntryId(), verdict.getFirstBrokenEntry().getAuditEntryId());
                assertEquals("nothing to see here", verdict.getFirstBrokenEntry().getReason());
            } finally {
                // Put it back so that the other tests see an intact chain.
                rewriteReason(db, altered.getAuditEntryId(), altered.getReason());
            }
        }
        assertTrue(client.asAdmin(admin).verifyAuditLog(VerifyAuditLogRequest.getDefaultInstance()).getIntact());
    }

    /** What a DBA could do: switch the guard off, edit, switch it back on. */
    private static void rewriteReason(Connection db, String entryId, String reason) throws SQLException {
        try (Statement sql = db.createStatement();
                PreparedStatement update = db.prepareStatement("UPDATE audit_entry SET reason = ? WHERE id = ?")) {
            sql.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
            update.setString(1, reason);
            update.setString(2, entryId);
            assertEquals(1, update.executeUpdate());
            sql.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
        }
    }
}
