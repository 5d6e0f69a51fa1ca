package com.countersign.approval;

import com.countersign.base.db.WriteContext;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.RiskyEditGate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A risky single edit, in the risk policy's words; submitted, with its author's reason, as a
 * one-proforma change set that goes through the same review as a bulk edit.
 */
@Component
class SingleEditGate implements RiskyEditGate {

    private final ChangeSetDrafts drafts;
    private final ChangeSets changeSets;
    private final RiskyChangeProcess process;

    SingleEditGate(ChangeSetDrafts drafts, ChangeSets changeSets, RiskyChangeProcess process) {
        this.drafts = drafts;
        this.changeSets = changeSets;
        this.process = process;
    }

    @Override
    public List<String> risks(ProformaSnapshot current, ProformaContent proposed) {
        RiskPolicy.Assessment assessment = drafts.assessSingle(current, proposed);
        return assessment.risky() ? assessment.reasons() : List.of();
    }

    /** In the caller's transaction: the draft, its preview and the started process commit together. */
    @Override
    public long submit(ProformaSnapshot current, ProformaContent proposed, String reason) {
        RiskPolicy.Assessment assessment = drafts.assessSingle(current, proposed);
        ChangeSetDraft draft = drafts.single(current, proposed, assessment, WriteContext.currentActor());
        process.start(changeSets.find(draft.id()).orElseThrow(), reason);
        return draft.id();
    }
}
