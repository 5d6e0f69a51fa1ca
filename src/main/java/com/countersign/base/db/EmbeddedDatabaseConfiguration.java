package com.countersign.base.db;

import com.countersign.base.db.EmbeddedDatabaseLogins.Login;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.liquibase.LiquibaseConnectionDetails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Without {@code SPRING_DATASOURCE_URL} Countersign brings its own real PostgreSQL, so a fresh
 * clone runs with nothing installed but a JDK and Maven. The roles are split as in production:
 * Liquibase migrates as the owner, the portal's pool logs in as a role that owns nothing and holds
 * the grants of db/roles/app-role.sql (applied by {@link ApplicationRoleGrants}). Every connection,
 * the superuser's included, needs a password; the passwords are kept in the data directory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${countersign.embedded-db.enabled:true} and '${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final String SUPERUSER = "postgres";
    private static final String DEPLOY_ROLE = "countersign_deploy";
    /** No trust for anyone: zonky's initdb wrote trust for every local connection before this version. */
    private static final String PG_HBA = """
            # Written by Countersign at every start: every connection needs its role's password.
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties props) {
        Path dataDir = EmbeddedPostgresLauncher.prepare(props);
        EmbeddedDatabasePasswords passwords = EmbeddedDatabasePasswords.in(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgresLauncher.start(props, passwords.of(SUPERUSER));
        prepareRolesAndDatabase(postgres, props, passwords);
        log.info("Embedded database: psql -h localhost -p {} -U {} {} (passwords of {}, {} and {} in {})",
                postgres.getPort(), props.appUsername(), props.database(),
                SUPERUSER, props.username(), props.appUsername(), dataDir.resolve(EmbeddedDatabasePasswords.FILE_NAME));
        return postgres;
    }

    @Bean
    EmbeddedDatabaseLogins embeddedDatabaseLogins(EmbeddedPostgres postgres, EmbeddedDatabaseProperties props) {
        EmbeddedDatabasePasswords passwords = EmbeddedDatabasePasswords.in(props.dataDir().toAbsolutePath().normalize());
        return new EmbeddedDatabaseLogins(
                new Login(SUPERUSER, passwords.of(SUPERUSER)),
                new Login(props.username(), passwords.of(props.username())),
                new Login(props.appUsername(), passwords.of(props.appUsername())));
    }

    /** The portal's pool: the application role, which owns none of the tables it writes. */
    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties props, EmbeddedDatabaseLogins logins) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl(postgres, props));
        dataSource.setUsername(logins.application().role());
        dataSource.setPassword(logins.application().password());
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("countersign");
        return dataSource;
    }

    /**
     * Liquibase logs in as the owner, as spring.liquibase.user/password would make it (not a second
     * DataSource bean: health, metrics and everything else see the portal's pool only).
     */
    @Bean
    LiquibaseConnectionDetails liquibaseConnectionDetails(EmbeddedPostgres postgres, EmbeddedDatabaseProperties props,
            EmbeddedDatabaseLogins logins) {
        String url = jdbcUrl(postgres, props);
        return new LiquibaseConnectionDetails() {
            @Override
            public String getJdbcUrl() {
                return url;
            }

            @Override
            public String getUsername() {
                return logins.owner().role();
            }

            @Override
            public String getPassword() {
                return logins.owner().password();
            }
        };
    }

    /** Without zonky's "?user=": a second node or Liquibase may log in to the same URL as another role. */
    private static String jdbcUrl(EmbeddedPostgres postgres, EmbeddedDatabaseProperties props) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + props.database();
    }

    /**
     * Idempotent, so that a data directory of an earlier version (one owner role the portal ran as,
     * trust for every local connection) gets its passwords and its application role at the next start.
     */
    private static void prepareRolesAndDatabase(EmbeddedPostgres postgres, EmbeddedDatabaseProperties props,
            EmbeddedDatabasePasswords passwords) {
        String owner = identifier(props.username());
        String app = identifier(props.appUsername());
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("alter role " + SUPERUSER + " password '" + passwords.of(SUPERUSER) + "'");
            createRoleIfMissing(s, owner, "login");
            s.execute("alter role " + owner + " password '" + passwords.of(owner) + "'");
            // The role deployment scripts run under (changeset 016 grants it the proforma tables); the
            // owner may grant it on, and app-role.sql makes the portal's role a member.
            createRoleIfMissing(s, DEPLOY_ROLE, "nologin");
            s.execute("grant " + DEPLOY_ROLE + " to " + owner + " with admin option");
            createRoleIfMissing(s, app, "login");
            s.execute("alter role " + app + " password '" + passwords.of(app) + "'");
            if (!exists(s, "select 1 from pg_database where datname = '" + identifier(props.database()) + "'")) {
                s.execute("create database " + identifier(props.database()) + " owner " + owner);
            }
            passwords.save();
            try (var rs = s.executeQuery("show hba_file")) {
                rs.next();
                Files.writeString(Path.of(rs.getString(1)), PG_HBA);
            }
            s.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded database " + props.database(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the embedded cluster's pg_hba.conf", e);
        }
    }

    private static void createRoleIfMissing(Statement s, String role, String login) throws SQLException {
        if (!exists(s, "select 1 from pg_roles where rolname = '" + role + "'")) {
            s.execute("create role " + role + " " + login);
        }
    }

    private static boolean exists(Statement s, String sql) throws SQLException {
        try (var rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    /** Names come from our own configuration; still, refuse anything that is not a plain identifier. */
    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain lower-case identifier: " + name);
        }
        return name;
    }
}
