package com.countersign.approval.ui;

import com.countersign.approval.ApprovalService;
import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ui.BulkEditLauncher;
import java.util.Set;
import org.springframework.stereotype.Component;

@Component
class ApprovalBulkEditLauncher implements BulkEditLauncher {

    private final ApprovalService approvals;

    ApprovalBulkEditLauncher(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @Override
    public void open(Set<Long> selectedIds, ProformaFilter filter, int matching, Runnable afterSubmit) {
        new BulkEditDialog(approvals, selectedIds, filter, matching, afterSubmit).open();
    }
}
