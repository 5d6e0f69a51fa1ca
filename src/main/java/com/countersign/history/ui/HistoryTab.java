package com.countersign.history.ui;

import com.countersign.base.WriteGate;
import com.countersign.history.HistoryService;
import com.countersign.proforma.ui.ProformaEditorTab;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.spring.security.AuthenticationContext;

/** The editor's History tab. */
@org.springframework.stereotype.Component
class HistoryTab implements ProformaEditorTab {

    private final HistoryService history;
    private final AuthenticationContext authentication;
    private final WriteGate writeGate;

    HistoryTab(HistoryService history, AuthenticationContext authentication, WriteGate writeGate) {
        this.history = history;
        this.authentication = authentication;
        this.writeGate = writeGate;
    }

    @Override
    public String label() {
        return "History";
    }

    @Override
    public Component create(long proformaId, Runnable reload) {
        HistoryPanel panel = new HistoryPanel(history, proformaId, authentication.hasAnyRole("STAFF", "MANAGER"), reload);
        writeGate.blocked().ifPresent(block -> panel.lockRestore(block.message()));
        return panel;
    }
}
