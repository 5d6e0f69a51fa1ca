package com.countersign.approval.ui;

import com.countersign.base.FieldLabels;
import com.countersign.approval.ApprovalService;
import com.countersign.approval.PreviewRow;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;

/** The before/after of a change set, loaded page by page from the database. */
public class PreviewGrid extends Grid<PreviewRow> {

    private final transient ApprovalService approvals;

    public PreviewGrid(ApprovalService approvals) {
        super(PreviewRow.class, false);
        this.approvals = approvals;
        addColumn(PreviewRow::number).setHeader("Proforma").setAutoWidth(true);
        addColumn(r -> r.position() == null ? FieldLabels.of(r.field())
                : "Line " + (r.position() + 1) + ": " + FieldLabels.of(r.field()))
                .setHeader("Field").setAutoWidth(true);
        addColumn(PreviewRow::before).setHeader("Before").setFlexGrow(1);
        addColumn(PreviewRow::after).setHeader("After").setFlexGrow(1);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setHeight("320px");
    }

    public void show(long changeSetId) {
        setItems(query -> approvals.previewPage(changeSetId, query.getOffset(), query.getLimit()).stream(),
                query -> approvals.previewSize(changeSetId));
    }
}
