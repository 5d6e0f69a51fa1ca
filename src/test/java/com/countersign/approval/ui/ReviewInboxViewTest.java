package com.countersign.approval.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.approval.ApprovalService;
import com.countersign.approval.BulkEditRequest;
import com.countersign.approval.BulkOperation;
import com.countersign.approval.ChangeSetDraft;
import com.countersign.approval.ChangeSetStatus;
import com.countersign.support.KaribuTest;
import com.countersign.approval.ReviewTask;
import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Ui;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CountersignTest
class ReviewInboxViewTest extends KaribuTest {

    @Autowired ProformaService proformas;
    @Autowired ApprovalService approvals;
    @Autowired JdbcClient jdbc;

    @Test
    void a_reviewer_claims_sees_the_diff_and_approves() {
        long changeSet = submittedByStaff();
        login("reviewer", "REVIEWER");
        UI.getCurrent().navigate(ReviewInboxView.class);
        ReviewInboxView view = _get(ReviewInboxView.class);

        int row = rowOf(view, changeSet);
        view.inbox.select(GridKt._get(view.inbox, row));
        assertThat(view.detail.getText()).contains("2 proformas").contains("touches 2 proformas");
        assertThat(GridKt._size(view.diff)).isEqualTo(2);
        _click(view.claim);
        view.inbox.select(GridKt._get(view.inbox, rowOf(view, changeSet)));
        assertThat(view.unclaim.isVisible()).isTrue();
        _click(view.approve);

        assertThat(approvalStatus(changeSet)).isEqualTo(ChangeSetStatus.APPROVED);
    }

    @Test
    void rejecting_needs_a_comment() {
        long changeSet = submittedByStaff();
        login("reviewer", "REVIEWER");
        UI.getCurrent().navigate(ReviewInboxView.class);
        ReviewInboxView view = _get(ReviewInboxView.class);
        view.inbox.select(GridKt._get(view.inbox, rowOf(view, changeSet)));

        _click(view.reject);
        assertThat(view.comment.isInvalid()).isTrue();
        assertThat(approvalStatus(changeSet)).isEqualTo(ChangeSetStatus.PENDING_REVIEW);
        view.comment.setValue("wrong customer");
        _click(view.reject);
        assertThat(approvalStatus(changeSet)).isEqualTo(ChangeSetStatus.REJECTED);
    }

    @Test
    void the_requester_does_not_find_their_own_change_set_in_the_inbox() {
        login("manager", "MANAGER", "REVIEWER");
        Set<Long> ids = new HashSet<>();
        ids.add(proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Own"))).id());
        ids.add(proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Own"))).id());
        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "own"));
        approvals.submit(draft.id(), "mine");
        UI.getCurrent().navigate(ReviewInboxView.class);
        ReviewInboxView view = _get(ReviewInboxView.class);
        assertThat(rows(view)).noneMatch(t -> t.changeSet().id() == draft.id());
    }

    @Test
    void the_open_inbox_catches_up_without_losing_what_the_reviewer_reads() {
        long reading = submittedByStaff();
        login("reviewer", "REVIEWER");
        UI.getCurrent().navigate(ReviewInboxView.class);
        ReviewInboxView view = _get(ReviewInboxView.class);
        view.inbox.select(GridKt._get(view.inbox, rowOf(view, reading)));
        String readingDetail = view.detail.getText();

        long arrived = submittedByStaff();
        login("reviewer", "REVIEWER");
        view.catchUp(approvals.inbox());

        assertThat(rows(view)).anyMatch(t -> t.changeSet().id() == arrived);
        assertThat(view.inbox.asSingleSelect().getValue().changeSet().id()).isEqualTo(reading);
        assertThat(view.decision.isVisible()).isTrue();
        assertThat(view.detail.getText()).isEqualTo(readingDetail);

        login("manager", "MANAGER", "REVIEWER");
        ReviewTask theirs = approvals.inbox().stream().filter(t -> t.changeSet().id() == reading).findFirst().orElseThrow();
        approvals.approve(theirs.taskId(), "done by the manager");
        login("reviewer", "REVIEWER");
        view.catchUp(approvals.inbox());

        assertThat(rows(view)).noneMatch(t -> t.changeSet().id() == reading);
        assertThat(view.decision.isVisible()).isFalse();
        assertThat(Ui.notificationTexts())
                .contains("Change set " + reading + " is no longer in your inbox: someone else decided or claimed it.");
    }

    private long submittedByStaff() {
        login("staff", "STAFF");
        Set<Long> ids = new HashSet<>();
        ids.add(proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Inbox"))).id());
        ids.add(proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Inbox"))).id());
        ChangeSetDraft draft = approvals.preview(BulkEditRequest.of(ids, BulkOperation.SET_NOTES, "inbox"));
        approvals.submit(draft.id(), "please review");
        return draft.id();
    }

    private ChangeSetStatus approvalStatus(long changeSet) {
        return ChangeSetStatus.valueOf(jdbc.sql("select status from change_set where id = :id").param("id", changeSet)
                .query(String.class).single());
    }

    private static java.util.List<ReviewTask> rows(ReviewInboxView view) {
        return IntStream.range(0, GridKt._size(view.inbox)).mapToObj(i -> GridKt._get(view.inbox, i)).toList();
    }

    private static int rowOf(ReviewInboxView view, long changeSet) {
        var rows = rows(view);
        return IntStream.range(0, rows.size()).filter(i -> rows.get(i).changeSet().id() == changeSet).findFirst()
                .orElseThrow();
    }
}
