package com.countersign.approval;

import java.util.Map;
import org.flowable.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Starts workflows/risky-change.bpmn20.xml for a change set and marks it submitted. */
@Component
class RiskyChangeProcess {

    static final String KEY = "riskyChange";

    private final RuntimeService runtime;
    private final ChangeSets changeSets;

    RiskyChangeProcess(RuntimeService runtime, ChangeSets changeSets) {
        this.runtime = runtime;
        this.changeSets = changeSets;
    }

    void start(ChangeSets.ChangeSetRow changeSet, String reason) {
        String processInstanceId = runtime.startProcessInstanceByKey(KEY, Long.toString(changeSet.id()), Map.of(
                "changeSetId", changeSet.id(),
                "requester", changeSet.requester(),
                "highTier", changeSet.summary().riskTier() == RiskTier.HIGH)).getId();
        changeSets.submit(changeSet.id(), reason, processInstanceId);
        changeSets.event(changeSet.id(), changeSet.requester(), "Submitted for review: " + reason);
    }
}
