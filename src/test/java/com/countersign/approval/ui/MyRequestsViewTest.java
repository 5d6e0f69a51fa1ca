package com.countersign.approval.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.BulkEditRequest;
import com.countersign.approval.BulkOperation;
import com.countersign.approval.ChangeSetDraft;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.approval.ChangeSetSummary;
import com.countersign.support.KaribuTest;
import com.countersign.approval.TimelineEntry;
import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CountersignTest
class MyRequestsViewTest extends KaribuTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired org.flowable.engine.RuntimeService runtime;
    @Autowired org.flowable.engine.ManagementService management;
    @Autowired com.countersign.lock.EditLockService locks;

    @Test
    void while_an_approved_change_is_applied_the_open_page_receives_the_outcome_by_server_push()
            throws InterruptedException {
        login("staff2", "STAFF");
        Set<Long> ids = Set.of(proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Pushed"))).id(),
                proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Pushed"))).id());
        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "pushed"));
        approvals.submit(draft.id(), "notes for both");
        login("reviewer", "REVIEWER");
        String taskId = approvals.inbox().stream().filter(t -> t.changeSet().id() == draft.id()).findFirst()
                .orElseThrow().taskId();
        approvals.approve(taskId, "fine");

        login("staff2", "STAFF");
        UI.getCurrent().navigate(MyRequestsView.class);
        MyRequestsView view = _get(MyRequestsView.class);
        assertThat(statusShown(view, draft.id())).isEqualTo(ChangeSetStatus.APPROVED);

        // what the async executor does in production, on another thread than the page's
        String processInstance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(draft.id())).list().stream().findFirst()
                .map(org.flowable.engine.runtime.ProcessInstance::getId).orElseThrow();
        management.createJobQuery().processInstanceId(processInstance).list()
                .forEach(job -> management.executeJob(job.getId()));

        ChangeSetStatus shown = ChangeSetStatus.APPROVED;
        for (int i = 0; i < 60 && shown != ChangeSetStatus.APPLIED; i++) {
            Thread.sleep(100);
            com.github.mvysny.kaributesting.v10.MockVaadin.clientRoundtrip();
            shown = statusShown(view, draft.id());
        }
        assertThat(shown).as("pushed without a reload").isEqualTo(ChangeSetStatus.APPLIED);
    }

    @Test
    void an_approved_change_set_that_meets_locked_editing_is_shown_waiting_for_the_unlock() {
        login("staff2", "STAFF");
        Set<Long> ids = Set.of(proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Waiting"))).id(),
                proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Waiting"))).id());
        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "later"));
        approvals.submit(draft.id(), "notes for both");
        login("reviewer", "REVIEWER");
        approvals.approve(approvals.inbox().stream().filter(t -> t.changeSet().id() == draft.id()).findFirst()
                .orElseThrow().taskId(), "fine");
        login("manager", "MANAGER");
        locks.lock("Incident 9", null);
        try {
            String processInstance = runtime.createProcessInstanceQuery()
                    .processInstanceBusinessKey(String.valueOf(draft.id())).singleResult().getId();
            management.createJobQuery().processInstanceId(processInstance).list()
                    .forEach(job -> management.executeJob(job.getId()));

            login("staff2", "STAFF");
            UI.getCurrent().navigate(MyRequestsView.class);
            MyRequestsView view = _get(MyRequestsView.class);
            ChangeSetSummary mine = IntStream.range(0, GridKt._size(view.requests))
                    .mapToObj(i -> GridKt._get(view.requests, i)).filter(c -> c.id() == draft.id()).findFirst()
                    .orElseThrow();
            assertThat(view.statusText(mine)).isEqualTo("Approved, waiting for editing to be unlocked");
            view.requests.select(mine);
            assertThat(view.detail.getText()).contains("is Approved, waiting for editing to be unlocked");
            assertThat(IntStream.range(0, GridKt._size(view.timeline)).mapToObj(i -> GridKt._get(view.timeline, i))
                    .map(TimelineEntry::what).toList())
                    .anyMatch(w -> w.startsWith("Approved, waiting for editing to be unlocked") && w.contains("Incident 9"));
        } finally {
            login("manager", "MANAGER");
            locks.unlock("checked");
        }
        // the unlock wakes it: applied, nothing left waiting behind this test
        management.createJobQuery().handlerType("event").list().forEach(job -> management.executeJob(job.getId()));
        String processInstance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(draft.id())).singleResult().getId();
        management.createJobQuery().processInstanceId(processInstance).list()
                .forEach(job -> management.executeJob(job.getId()));
        login("staff2", "STAFF");
        assertThat(approvals.detail(draft.id()).summary().status()).isEqualTo(ChangeSetStatus.APPLIED);
    }

    private static ChangeSetStatus statusShown(MyRequestsView view, long changeSetId) {
        return IntStream.range(0, GridKt._size(view.requests)).mapToObj(i -> GridKt._get(view.requests, i))
                .filter(c -> c.id() == changeSetId).findFirst().orElseThrow().status();
    }

    @Test
    void the_requester_sees_status_timeline_and_the_message_of_a_rejection() {
        login("staff2", "STAFF");
        Set<Long> ids = Set.of(proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Mine"))).id(),
                proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Mine"))).id());
        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(ids, BulkOperation.SET_STATUS, "CANCELLED"));
        approvals.submit(draft.id(), "customer withdrew");
        login("reviewer", "REVIEWER");
        String taskId = approvals.inbox().stream().filter(t -> t.changeSet().id() == draft.id()).findFirst()
                .orElseThrow().taskId();
        approvals.reject(taskId, "only one of them withdrew");

        login("staff2", "STAFF");
        UI.getCurrent().navigate(MyRequestsView.class);
        MyRequestsView view = _get(MyRequestsView.class);

        ChangeSetSummary mine = GridKt._get(view.requests, 0);
        assertThat(mine.id()).isEqualTo(draft.id());
        assertThat(mine.status()).isEqualTo(ChangeSetStatus.REJECTED);
        assertThat(GridKt._get(view.notifications, 0).message()).contains("rejected: only one of them withdrew");
        view.requests.select(mine);
        assertThat(view.detail.getText()).contains("is Rejected").contains("customer withdrew");
        assertThat(IntStream.range(0, GridKt._size(view.timeline)).mapToObj(i -> GridKt._get(view.timeline, i))
                .map(TimelineEntry::what).toList())
                .anyMatch(w -> w.startsWith("Submitted for review"))
                .anyMatch(w -> w.startsWith("Rejected: only one of them withdrew"));
    }
}
