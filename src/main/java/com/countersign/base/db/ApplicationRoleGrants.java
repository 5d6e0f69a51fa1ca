package com.countersign.base.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What the owner does before the portal's role touches the database, at every start and in both
 * modes: Liquibase migrates (as its own role, the owner), Flowable's ACT_* tables are created or
 * upgraded as that same owner, and then the owner applies db/roles/app-role.sql to the role the
 * portal's pool logs in as. The portal's role therefore needs no CREATE anywhere, and no DBA runs
 * the grant script by hand. It runs while Flowable's engine is being built, which is the first use
 * of the database that needs those grants (the grant script must follow Flowable's tables).
 * If Liquibase and the pool log in as the same role, that role owns everything and nothing is granted.
 */
@Component
class ApplicationRoleGrants implements EngineConfigurationConfigurer<SpringProcessEngineConfiguration> {

    static final String GRANT_SCRIPT = "db/roles/app-role.sql";
    /** The role name the script is written for; replaced by the role the pool really logs in as. */
    static final String SCRIPT_ROLE = "countersign_app";
    private static final Logger log = LoggerFactory.getLogger(ApplicationRoleGrants.class);

    private final ObjectProvider<SpringLiquibase> liquibase;
    private final DataSource portal;

    ApplicationRoleGrants(ObjectProvider<SpringLiquibase> liquibase, DataSource portal) {
        this.liquibase = liquibase;
        this.portal = portal;
    }

    @Override
    public void configure(SpringProcessEngineConfiguration flowable) {
        SpringLiquibase migrated = liquibase.getIfAvailable(); // migrates first if it has not yet
        if (migrated == null) {
            log.warn("Liquibase is off: the grants of {} are not applied", GRANT_SCRIPT);
            return;
        }
        DataSource owner = migrated.getDataSource();
        String ownerRole = currentUser(owner);
        String portalRole = currentUser(portal);
        if (ownerRole.equals(portalRole)) {
            log.warn("The portal logs in as {}, the owner of the Countersign tables: the guard's triggers hold only "
                    + "while nobody disables them. Run the portal as its own role (README, Database roles).", portalRole);
            return;
        }
        createFlowableTablesAs(owner, flowable);
        grant(owner, portalRole);
        log.info("{} owns the schema; the portal runs as {} with the grants of {}", ownerRole, portalRole, GRANT_SCRIPT);
    }

    /** Flowable's own schema update, run by a throw-away engine on the owner's connections with the same engines. */
    private static void createFlowableTablesAs(DataSource owner, SpringProcessEngineConfiguration flowable) {
        ProcessEngineConfigurationImpl schema =
                (ProcessEngineConfigurationImpl) ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
        schema.setEngineName("countersign-schema-as-owner");
        schema.setDataSource(owner);
        schema.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        schema.setDisableIdmEngine(flowable.isDisableIdmEngine());
        schema.setDisableEventRegistry(flowable.isDisableEventRegistry());
        schema.setDbHistoryUsed(flowable.isDbHistoryUsed());
        schema.setAsyncExecutorActivate(false);
        schema.buildProcessEngine().close();
    }

    private static void grant(DataSource owner, String portalRole) {
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            s.execute(grantScript().replace(SCRIPT_ROLE, plainName(portalRole)));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant " + portalRole + " with " + GRANT_SCRIPT, e);
        }
    }

    private static String currentUser(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("select current_user")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to the database", e);
        }
    }

    private static String plainName(String role) {
        if (!role.matches("[a-z_][a-z0-9_$]{0,62}")) {
            throw new IllegalArgumentException("The portal's database role must be a plain lower-case name: " + role);
        }
        return role;
    }

    static String grantScript() {
        try {
            return new ClassPathResource(GRANT_SCRIPT).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
