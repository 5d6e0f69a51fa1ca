package com.countersign.support;

import com.countersign.base.db.EmbeddedDatabaseLogins;
import com.countersign.base.db.EmbeddedDatabaseLogins.Login;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The database roles an attacker could hold, as fresh connections outside the portal's pool: the
 * role the portal itself runs as, and a role set up the way the production grant script says. Tests
 * of anything that guards attack through both. One place knows how each is reached, so the tests
 * keep working when the roles change.
 */
@Component
public class DatabaseRoles {

    /** The login role made with db/roles/app-role.sql in place of the production countersign_app. */
    public static final String GRANTED = "countersign_granted";

    /** The grant script role's password, new for every test JVM (the cluster asks everyone for one). */
    private static final String GRANTED_PASSWORD = java.util.UUID.randomUUID().toString();

    private final ObjectProvider<EmbeddedPostgres> embedded;
    private final ObjectProvider<EmbeddedDatabaseLogins> logins;
    private final DataSource dataSource;
    private boolean grantedReady;
    private JdbcClient ownerSql;
    private SingleConnectionDataSource ownerDataSource;

    /**
     * Lazy on purpose: the application's component scan also finds this class when a test starts a
     * second node against an existing database, where there is no embedded PostgreSQL bean.
     */
    DatabaseRoles(ObjectProvider<EmbeddedPostgres> embedded, ObjectProvider<EmbeddedDatabaseLogins> logins,
            DataSource dataSource) {
        this.embedded = embedded;
        this.logins = logins;
        this.dataSource = dataSource;
    }

    private EmbeddedPostgres postgres() {
        return embedded.getObject();
    }

    /** A connection as the role the portal's own connection pool uses. */
    public Connection asPortalRole() throws SQLException {
        HikariDataSource portal = dataSource.unwrap(HikariDataSource.class);
        return DriverManager.getConnection(portal.getJdbcUrl(), portal.getUsername(), portal.getPassword());
    }

    /** A connection as a login role that holds exactly the grants of the production script. */
    public synchronized Connection asGrantScriptRole() throws SQLException {
        if (!grantedReady) {
            createGrantedRole();
            grantedReady = true;
        }
        return DriverManager.getConnection(postgres().getJdbcUrl(GRANTED, "countersign"), GRANTED, GRANTED_PASSWORD);
    }

    /** A connection as the owner of the Countersign tables (Liquibase's role). */
    public Connection asOwner() throws SQLException {
        Login owner = logins.getObject().owner();
        return DriverManager.getConnection(postgres().getJdbcUrl(owner.role(), "countersign"), owner.role(), owner.password());
    }

    /** The name of the role that owns the Countersign tables. */
    public String ownerRole() {
        return logins.getObject().owner().role();
    }

    /** The name of the role the portal's pool logs in as (it owns nothing). */
    public String portalRole() {
        try {
            return dataSource.unwrap(HikariDataSource.class).getUsername();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SQL as the owner of the Countersign tables, for fixtures the portal's own role may not write
     * (a forged change set, a lock set by hand, a disabled trigger). A test arranges with this and
     * acts and asserts through the portal or an attacker's connection.
     */
    public synchronized JdbcClient ownerSql() {
        if (ownerSql == null) {
            ownerSql = JdbcClient.create(ownerDataSource());
        }
        return ownerSql;
    }

    /**
     * Transactions on {@link #ownerSql()}'s connection, for a fixture that must write as the owner in
     * one transaction (a benchmark's bulk load sets its actor with is_local = true).
     */
    public synchronized PlatformTransactionManager ownerTransactions() {
        return new DataSourceTransactionManager(ownerDataSource());
    }

    private synchronized SingleConnectionDataSource ownerDataSource() {
        if (ownerDataSource == null) {
            Login login = logins.getObject().owner();
            ownerDataSource = new SingleConnectionDataSource(
                    postgres().getJdbcUrl(login.role(), "countersign"), login.role(), login.password(), true);
            ownerDataSource.setAutoCommit(true);
        }
        return ownerDataSource;
    }

    /** A connection as the cluster's superuser, to the Countersign database. */
    public Connection asSuperuser() throws SQLException {
        return postgres().getDatabase("postgres", "countersign").getConnection();
    }

    private void createGrantedRole() throws SQLException {
        try (Connection c = asSuperuser(); Statement s = c.createStatement()) {
            s.execute("do $$ begin if exists (select from pg_roles where rolname = '" + GRANTED + "') then "
                    + "execute 'drop owned by " + GRANTED + "'; end if; end $$");
            s.execute("drop role if exists " + GRANTED);
            s.execute("create role " + GRANTED + " login password '" + GRANTED_PASSWORD + "'");
        }
        try (Connection c = asOwner(); Statement s = c.createStatement()) {
            s.execute(grantScript().replace("countersign_app", GRANTED));
        }
    }

    private static String grantScript() {
        try {
            return new ClassPathResource("db/roles/app-role.sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
