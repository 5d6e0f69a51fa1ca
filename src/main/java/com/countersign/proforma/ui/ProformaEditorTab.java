package com.countersign.proforma.ui;

import com.vaadin.flow.component.Component;

/**
 * Another feature's tab in the proforma editor (history, for one), so that the editor does not
 * depend on those features: they depend on it.
 */
public interface ProformaEditorTab {

    String label();

    /** The tab's content for one proforma; {@code reload} shows the editor's current data again. */
    Component create(long proformaId, Runnable reload);
}
