package com.countersign.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.Application;
import com.countersign.base.db.EmbeddedDatabaseLogins;
import com.countersign.lock.EditLockService;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Two application nodes on one database, as behind a load balancer: node A is the test's own
 * application, node B a second instance started here on a free port against A's PostgreSQL.
 * A lock a manager sets on A holds on B at once: a save already under way in B's editor is refused,
 * and a view opened on B shows the banner with Save disabled.
 */
class TwoNodesJourneyTest extends BrowserTest {

    private static ConfigurableApplicationContext nodeB;

    @Autowired
    DataSource dataSource;

    @Autowired
    EmbeddedDatabaseLogins logins;

    @Autowired
    ProformaService proformas;

    @Autowired
    EditLockService locks;

    @BeforeEach
    void startNodeB() {
        if (nodeB != null) {
            return;
        }
        HikariDataSource shared = (HikariDataSource) dataSource;
        // a second context in this JVM installs its own Spring Security context-holder strategy as the
        // static one; node A's beans keep theirs, so put A's back once B is up
        SecurityContextHolderStrategy nodeAStrategy = SecurityContextHolder.getContextHolderStrategy();
        nodeB = new SpringApplicationBuilder(Application.class)
                .profiles("test", "e2e")
                .properties("server.port=0",
                        "spring.datasource.url=" + shared.getJdbcUrl(),
                        "spring.datasource.username=" + shared.getUsername(),
                        "spring.datasource.password=" + shared.getPassword(),
                        "spring.liquibase.user=" + logins.owner().role(),
                        "spring.liquibase.password=" + logins.owner().password(),
                        "spring.jmx.enabled=false",
                        // node A has already created the demo users in the shared database
                        "countersign.demo.enabled=false")
                .run();
        SecurityContextHolder.setContextHolderStrategy(nodeAStrategy);
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
            nodeB = null;
        }
    }

    @AfterEach
    void unlockedAgain() {
        Users.actAs("manager", "MANAGER");
        if (locks.current().locked()) {
            locks.unlock("e2e clean-up");
        }
        Users.anonymous();
    }

    private static String nodeBUrl() {
        return "http://localhost:" + ((ServletWebServerApplicationContext) nodeB).getWebServer().getPort();
    }

    @Test
    void aLockSetOnNodeAIsEnforcedOnNodeBAtOnce() {
        Users.actAs("staff", "STAFF");
        ProformaSnapshot target = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("TwoNodes")));
        String reason = "Lock on node A " + System.nanoTime();

        Browser staffOnB = signedInOn(nodeBUrl(), "staff");
        ProformaEditorPage editorOnB = new ProformaEditorPage(staffOnB).open(target.id());
        assertThat(editorOnB.saveEnabled()).isTrue();
        editorOnB.typeNotes("Typed on node B before the lock");

        Browser managerOnA = signedIn("manager");
        new EditLockPage(managerOnA).open().lock(reason);

        // B's editor was opened before the lock; its layout polls every 15 s, so it may not have
        // noticed yet. Either way nothing may be saved: a save is refused by B's server at once.
        if (editorOnB.saveEnabled()) {
            editorOnB.save();
            assertThat(staffOnB.notification("Your changes were not saved.").getText()).contains("locked");
        }
        staffOnB.screenshot("two-nodes-1-save-refused-on-b");
        Users.actAs("staff", "STAFF");
        assertThat(proformas.find(target.id()).orElseThrow().content().notes()).isNull();
        assertThat(proformas.find(target.id()).orElseThrow().version()).isEqualTo(target.version());

        editorOnB.open(target.id());
        assertThat(editorOnB.lockBanner().getText()).contains(reason);
        assertThat(editorOnB.saveEnabled()).isFalse();
        staffOnB.screenshot("two-nodes-2-banner-on-b");
    }
}
