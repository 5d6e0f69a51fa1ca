package com.countersign.base.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory made by the version before the role split (initdb with trust, one login role
 * owning the database) gets passwords, the application role and a pg_hba.conf without trust at its
 * next start, and starts again from the kept passwords after that.
 */
class EmbeddedClusterUpgradeTest {

    @TempDir
    Path dataRoot;

    @Test
    void an_earlier_versions_cluster_gets_passwords_and_the_application_role() throws Exception {
        Path dataDir = dataRoot.resolve("postgres");
        startTheWayTheEarlierVersionDid(dataDir);
        EmbeddedDatabaseProperties props =
                new EmbeddedDatabaseProperties(true, dataDir, 0, null, null, null, false);
        EmbeddedDatabaseConfiguration configuration = new EmbeddedDatabaseConfiguration();

        for (int i = 1; i <= 2; i++) { // the upgrade, then an ordinary start on the kept passwords
            int start = i;
            try (EmbeddedPostgres postgres = configuration.embeddedPostgres(props)) {
                EmbeddedDatabaseLogins logins = configuration.embeddedDatabaseLogins(postgres, props);
                String url = postgres.getJdbcUrl(logins.application().role(), "countersign");
                try (Connection c = DriverManager.getConnection(url, "countersign_app", logins.application().password());
                        Statement s = c.createStatement()) {
                    // it logs in, and has nothing until the owner grants it (ApplicationRoleGrants, after Liquibase)
                    assertThatThrownBy(() -> s.executeQuery("select count(*) from earlier_data"))
                            .as("start %d", start).hasMessageContaining("permission denied for table earlier_data");
                }
                assertThatThrownBy(() -> DriverManager.getConnection(url, "countersign_app", "wrong").close())
                        .hasMessageContaining("password authentication failed");
                assertThatThrownBy(() -> DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres")).close())
                        .isInstanceOf(SQLException.class);
                try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("countersign", "countersign"),
                        "countersign", logins.owner().password()); Statement s = c.createStatement();
                        var rs = s.executeQuery("select count(*) from earlier_data")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the owner keeps its data").isEqualTo(1);
                }
            }
        }
        assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).doesNotContain("trust");
        assertThat(Files.getPosixFilePermissions(dataDir.resolve(EmbeddedDatabasePasswords.FILE_NAME)))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    private static void startTheWayTheEarlierVersionDid(Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.toFile())
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "")
                .setLocaleConfig("locale", "C.UTF-8")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start()) {
            try (Connection c = earlier.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create role countersign login");
                s.execute("create role countersign_deploy nologin");
                s.execute("grant countersign_deploy to countersign with admin option");
                s.execute("create database countersign owner countersign");
            }
            try (Connection c = earlier.getDatabase("countersign", "countersign").getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create table earlier_data (id integer)");
                s.execute("insert into earlier_data values (1)");
            }
        }
    }
}
