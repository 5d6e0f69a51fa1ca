package com.countersign.approval;

import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaService;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;

/** Steps shared by the approval tests: people, proformas, and driving the process's jobs by hand. */
class ApprovalScenario {

    final ProformaService proformas;
    final ApprovalService approvals;
    final ChangeSets changeSets;
    final ManagementService management;

    ApprovalScenario(ProformaService proformas, ApprovalService approvals, ChangeSets changeSets,
            ManagementService management) {
        this.proformas = proformas;
        this.approvals = approvals;
        this.changeSets = changeSets;
        this.management = management;
    }

    Set<Long> proformas(int count, String customerPrefix) {
        Users.actAs("staff", "STAFF");
        Set<Long> ids = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(proformas.create(Fixtures.content(Fixtures.uniqueCustomer(customerPrefix))).id());
        }
        return ids;
    }

    long proforma(ProformaContent content) {
        Users.actAs("staff", "STAFF");
        return proformas.create(content).id();
    }

    /** Previews and submits as staff; returns the change set id. */
    long submitted(BulkEditRequest request, String reason) {
        Users.actAs("staff", "STAFF");
        ChangeSetDraft draft = approvals.preview(request);
        approvals.submit(draft.id(), reason);
        return draft.id();
    }

    ReviewTask taskOf(long changeSetId, String user, String... roles) {
        Users.actAs(user, roles);
        return approvals.inbox().stream().filter(t -> t.changeSet().id() == changeSetId).findFirst()
                .orElseThrow(() -> new AssertionError("no task for change set " + changeSetId + " in " + user + "'s inbox"));
    }

    void approveAsReviewer(long changeSetId) {
        ReviewTask task = taskOf(changeSetId, "reviewer", "REVIEWER");
        approvals.approve(task.taskId(), "looks right");
    }

    String processInstanceOf(long changeSetId) {
        return changeSets.find(changeSetId).orElseThrow().processInstanceId();
    }

    List<Job> jobsOf(long changeSetId) {
        return new ArrayList<>(management.createJobQuery().processInstanceId(processInstanceOf(changeSetId)).list());
    }

    /** What the async executor does in production: run the pending apply job. */
    void runApplyJob(long changeSetId) {
        List<Job> jobs = jobsOf(changeSetId);
        if (jobs.size() != 1) {
            throw new AssertionError("expected one apply job, found " + jobs.size());
        }
        management.executeJob(jobs.get(0).getId());
    }

    ChangeSetStatus statusOf(long changeSetId) {
        return changeSets.find(changeSetId).orElseThrow().status();
    }
}
