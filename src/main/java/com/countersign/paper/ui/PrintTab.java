package com.countersign.paper.ui;

import com.countersign.paper.PaperSelection;
import com.countersign.paper.PaperService;
import com.countersign.proforma.ui.ProformaEditorTab;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;

/** The editor's Print tab: this proforma as an A4 form, also while editing is locked. */
@org.springframework.stereotype.Component
class PrintTab implements ProformaEditorTab {

    private final PaperService paper;

    PrintTab(PaperService paper) {
        this.paper = paper;
    }

    @Override
    public String label() {
        return "Print";
    }

    @Override
    public Component create(long proformaId, Runnable reload) {
        DownloadHandler pdf = event -> {
            event.setFileName(paper.fileName(PaperSelection.one(proformaId), "pdf"));
            event.setContentType("application/pdf");
            paper.printOne(proformaId, event.getOutputStream());
        };
        Anchor download = new Anchor(pdf, "Download the PDF form");
        download.getElement().setAttribute("download", true);
        VerticalLayout layout = new VerticalLayout(new Paragraph("The proforma as saved, on one A4 form with a "
                + "signature field. Unsaved changes in the form are not printed."), download);
        layout.setPadding(false);
        return layout;
    }
}
