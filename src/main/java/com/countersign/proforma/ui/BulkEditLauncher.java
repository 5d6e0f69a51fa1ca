package com.countersign.proforma.ui;

import com.countersign.proforma.ProformaFilter;
import java.util.Set;

/**
 * Opens the bulk edit for the list: the picked proformas, or (none picked) all {@code matching}
 * ones of the filter. Implemented by the approval feature, so the list does not depend on it.
 */
public interface BulkEditLauncher {

    void open(Set<Long> selectedIds, ProformaFilter filter, int matching, Runnable afterSubmit);
}
