package com.countersign.history.ui;

import com.countersign.history.HistoryService;
import com.countersign.proforma.ui.ProformaEditorTab;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.spring.security.AuthenticationContext;

/** The editor's History tab. */
@org.springframework.stereotype.Component
class HistoryTab implements ProformaEditorTab {

    private final HistoryService history;
    private final AuthenticationContext authentication;

    HistoryTab(HistoryService history, AuthenticationContext authentication) {
        this.history = history;
        this.authentication = authentication;
    }

    @Override
    public String label() {
        return "History";
    }

    @Override
    public Component create(long proformaId, Runnable reload) {
        return new HistoryPanel(history, proformaId, authentication.hasAnyRole("STAFF", "MANAGER"), reload);
    }
}
