package com.countersign.base.db;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Without {@code SPRING_DATASOURCE_URL} Countersign brings its own real PostgreSQL, so a fresh
 * clone runs with nothing installed but a JDK and Maven.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${countersign.embedded-db.enabled:true} and '${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final String DEPLOY_ROLE = "countersign_deploy";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties props) {
        EmbeddedPostgres postgres = EmbeddedPostgresLauncher.start(props);
        createRoleAndDatabase(postgres, props);
        log.info("Embedded database: psql -h localhost -p {} -U {} {}",
                postgres.getPort(), props.username(), props.database());
        return postgres;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties props) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl(props.username(), props.database()));
        dataSource.setUsername(props.username());
        dataSource.setMaximumPoolSize(20);
        dataSource.setPoolName("countersign");
        return dataSource;
    }

    private static void createRoleAndDatabase(EmbeddedPostgres postgres, EmbeddedDatabaseProperties props) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(s, "select 1 from pg_roles where rolname = '" + identifier(props.username()) + "'")) {
                s.execute("create role \"" + identifier(props.username()) + "\" login");
            }
            // The role deployment scripts run under (changeset 016 grants it the proforma tables); the
            // portal's role enters it with SET LOCAL ROLE and, as owner, grants it on (app-role.sql).
            if (!exists(s, "select 1 from pg_roles where rolname = '" + DEPLOY_ROLE + "'")) {
                s.execute("create role " + DEPLOY_ROLE + " nologin");
            }
            s.execute("grant " + DEPLOY_ROLE + " to \"" + identifier(props.username()) + "\" with admin option");
            if (!exists(s, "select 1 from pg_database where datname = '" + identifier(props.database()) + "'")) {
                s.execute("create database \"" + identifier(props.database()) + "\" owner \""
                        + identifier(props.username()) + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the embedded database " + props.database(), e);
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
