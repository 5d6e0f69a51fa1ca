package com.countersign.base.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * With the embedded PostgreSQL, Countersign holds the superuser, so it installs the DDL audit
 * (db/roles/ddl-audit.sql: an event trigger recording every DDL on Countersign's schema, owned by
 * the superuser so the tables' owner cannot silence it) once the schema is migrated, at every start:
 * the script is idempotent and so also brings an older installation up to date. Against an
 * external PostgreSQL a DBA runs that script; the Recovery view says when it is missing.
 */
@Component
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class DdlAuditInstaller {

    static final String SCRIPT = "db/roles/ddl-audit.sql";
    private static final Logger log = LoggerFactory.getLogger(DdlAuditInstaller.class);

    private final ObjectProvider<EmbeddedPostgres> embedded;
    private final EmbeddedDatabaseProperties props;

    DdlAuditInstaller(ObjectProvider<EmbeddedPostgres> embedded, EmbeddedDatabaseProperties props) {
        this.embedded = embedded;
        this.props = props;
    }

    @EventListener
    void install(ApplicationReadyEvent event) {
        EmbeddedPostgres postgres = embedded.getIfAvailable();
        if (postgres == null) {
            return;
        }
        try (Connection c = postgres.getDatabase("postgres", props.database()).getConnection();
                Statement s = c.createStatement()) {
            s.execute(new ClassPathResource(SCRIPT).getContentAsString(StandardCharsets.UTF_8));
            log.info("DDL audit in place: every DDL on Countersign's schema is recorded in ddl_audit");
        } catch (SQLException e) {
            log.error("Could not install the DDL audit ({}): {}", SCRIPT, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
