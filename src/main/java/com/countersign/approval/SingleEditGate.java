package com.countersign.approval;

import com.countersign.base.db.WriteContext;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.RiskyEditGate;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a risky single edit into a one-proforma change set, submitted at once. In a transaction of
 * its own: the edit's transaction rolls back (nothing is saved), the change set must stay.
 */
@Component
class SingleEditGate implements RiskyEditGate {

    private final ChangeSetDrafts drafts;
    private final ChangeSets changeSets;
    private final RiskyChangeProcess process;
    private final TransactionTemplate newTransaction;

    SingleEditGate(ChangeSetDrafts drafts, ChangeSets changeSets, RiskyChangeProcess process,
            PlatformTransactionManager transactions) {
        this.drafts = drafts;
        this.changeSets = changeSets;
        this.process = process;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public OptionalLong divert(ProformaSnapshot current, ProformaContent proposed) {
        RiskPolicy.Assessment assessment = drafts.assessSingle(current, proposed);
        if (!assessment.risky()) {
            return OptionalLong.empty();
        }
        String requester = WriteContext.currentActor();
        long id = newTransaction.execute(tx -> {
            ChangeSetDraft draft = drafts.single(current, proposed, assessment, requester);
            process.start(changeSets.find(draft.id()).orElseThrow(),
                    "Risky edit of " + current.number() + ": " + String.join("; ", assessment.reasons()));
            return draft.id();
        });
        return OptionalLong.of(id);
    }
}
