package com.countersign.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.BulkOperation;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.approval.TimelineEntry;
import com.countersign.lock.EditLockService;
import com.countersign.lock.Locks;
import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Tables;
import com.countersign.support.Users;
import java.util.Map;
import java.util.Set;
import org.flowable.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A restore approved before an incident lock is not lost to the lock: it waits and is applied after the unlock. */
@CountersignTest
class RestoreWhileLockedTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired RecoveryService recovery;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;
    @Autowired EditLockService locks;

    @Autowired RecoveryScenario scenario;

    @AfterEach
    void open_again() {
        Locks.forceOpen(jdbc);
        Users.anonymous();
    }

    @Test
    void an_approved_restore_waits_while_editing_is_locked_and_is_applied_after_the_unlock() {
        Set<Long> ids = Set.of(scenario.create(Fixtures.content(Fixtures.uniqueCustomer("RestoreWaits"))),
                scenario.create(Fixtures.content(Fixtures.uniqueCustomer("RestoreWaits"))));
        String original = scenario.contentOf(ids);
        long bulk = scenario.bulkApplied(ids, BulkOperation.ADJUST_LINE_PRICES, "10");
        RecoveryDraft undo = scenario.previewUndo(bulk, Map.of());
        long restore = undo.changeSet().id();
        Users.actAs("manager", "MANAGER");
        recovery.submit(restore, "undo the price rise");
        scenario.approve(restore, "manager");
        Users.actAs("manager2", "MANAGER");
        locks.lock("Incident 12: auditors on site", null);
        String before = Tables.checksum(jdbc);

        scenario.runApplyJob(restore);

        assertThat(scenario.status(restore)).isEqualTo(ChangeSetStatus.APPROVED);
        assertThat(Tables.checksum(jdbc)).as("nothing written while locked").isEqualTo(before);
        assertThat(approvals.detail(restore).timeline()).extracting(TimelineEntry::what)
                .filteredOn(w -> w.contains("waiting for editing to be unlocked")).singleElement().asString()
                .contains("Incident 12: auditors on site");

        Users.actAs("manager2", "MANAGER");
        locks.unlock("Auditors gone");
        management.createJobQuery().handlerType("event").list().forEach(job -> management.executeJob(job.getId()));
        scenario.runApplyJob(restore);

        assertThat(scenario.status(restore)).isEqualTo(ChangeSetStatus.APPLIED);
        assertThat(scenario.contentOf(ids)).as("the prices before the bulk edit").isEqualTo(original);
    }
}
