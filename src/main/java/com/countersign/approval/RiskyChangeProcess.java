package com.countersign.approval;

import java.util.Map;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Starts workflows/risky-change.bpmn20.xml for a change set and marks it submitted. */
@Component
class RiskyChangeProcess {

    static final String KEY = "riskyChange";

    private final RuntimeService runtime;
    private final ProcessEngineConfiguration engine;
    private final ApprovalTimers timers;
    private final ChangeSets changeSets;
    private final Approvers approvers;

    RiskyChangeProcess(RuntimeService runtime, ProcessEngineConfiguration engine, ApprovalTimers timers,
            ChangeSets changeSets, Approvers approvers) {
        this.runtime = runtime;
        this.engine = engine;
        this.timers = timers;
        this.changeSets = changeSets;
        this.approvers = approvers;
    }

    /** The change set as submitted; refused, with nothing started, when nobody could ever approve it. */
    ChangeSetSummary start(ChangeSets.ChangeSetRow changeSet, String reason) {
        Approvers.Eligible eligible = approvers.of(changeSet.requester(), changeSet.summary().riskTier() == RiskTier.HIGH);
        String processInstanceId = runtime.startProcessInstanceByKey(KEY, Long.toString(changeSet.id()), Map.of(
                "changeSetId", changeSet.id(),
                "requester", changeSet.requester(),
                "highTier", changeSet.summary().riskTier() == RiskTier.HIGH,
                // the engine's clock, which timers run by (tests move it)
                "expireAt", timers.expireAt(engine.getClock().getCurrentTime()))).getId();
        ChangeSetSummary submitted = changeSets.submit(changeSet.id(), reason, processInstanceId, changeSet.requester(),
                "Submitted for review: " + reason).summary();
        changeSets.event(changeSet.id(), ApprovalSteps.SYSTEM, eligible.describe());
        return submitted;
    }
}
