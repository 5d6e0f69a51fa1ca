package com.countersign.deployment;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where a deployment statement runs: under the NOLOGIN role {@value #ROLE}, which may only read and
 * write proforma and proforma_line (changeset 016), entered with SET LOCAL ROLE for that one
 * statement, with timeouts and a search path that puts pg_temp last; then back to the portal's
 * role for its own bookkeeping. Even a statement the checker misjudged can neither read app_user
 * nor touch change_set. After the transaction the connection's session is wiped (DISCARD ALL), or
 * the connection is thrown out of the pool, so nothing a script left in the session (a TEMP table
 * shadowing history, a setting) meets the next user of that connection.
 */
@Component
class Sandbox {

    static final String ROLE = "countersign_deploy";
    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

    private final JdbcTemplate raw;
    private final DataSource dataSource;
    private final String enter;

    Sandbox(JdbcTemplate raw, DataSource dataSource, DeploymentLimits limits) {
        this.raw = raw;
        this.dataSource = dataSource;
        this.enter = "set local role " + ROLE + "; set local statement_timeout = "
                + limits.statementTimeout().toMillis() + "; set local lock_timeout = " + limits.lockTimeout().toMillis()
                + "; set local search_path = pg_catalog, public, pg_temp";
    }

    /** Call inside the transaction that runs a script, before its first statement. */
    void wipeSessionAfterTransaction() {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        DataSourceUtils.releaseConnection(connection, dataSource);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                wipe(connection);
            }
        });
    }

    /** Rows changed by one checked statement, sent alone as a prepared statement under the deployment role. */
    int execute(ScriptStatement statement) {
        raw.execute(enter);
        int rows = raw.update(connection -> connection.prepareStatement(statement.sql()));
        raw.execute("reset role");
        return rows;
    }

    private void wipe(Connection connection) {
        try {
            connection.setAutoCommit(true); // DISCARD ALL runs outside a transaction block
            try (var statement = connection.createStatement()) {
                statement.execute("discard all");
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not DISCARD ALL after a deployment transaction; the connection leaves the pool", e);
            try {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            } catch (SQLException | RuntimeException notHikari) {
                log.error("Could not evict the connection either", notHikari);
            }
        }
    }
}
