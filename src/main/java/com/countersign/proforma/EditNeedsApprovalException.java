package com.countersign.proforma;

import java.util.List;

/**
 * The edit is risky: nothing was saved and nothing submitted yet. Its author says why it is
 * needed and submits it for approval ({@link ProformaService#submitForApproval}), or keeps editing.
 */
public class EditNeedsApprovalException extends RuntimeException {

    private final long proformaId;
    private final List<String> risks;

    EditNeedsApprovalException(long proformaId, List<String> risks) {
        super("This change needs approval (" + String.join("; ", risks) + "). Nothing was saved.");
        this.proformaId = proformaId;
        this.risks = List.copyOf(risks);
    }

    public long proformaId() {
        return proformaId;
    }

    public List<String> risks() {
        return risks;
    }
}
