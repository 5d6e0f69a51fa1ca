package com.countersign.proforma;

import java.util.function.IntSupplier;

/**
 * Which rows of the ordered list a page reads, and from which end.
 *
 * <p>OFFSET makes PostgreSQL step over every row before the page, so on a million proformas the
 * grid's last page would cost a million steps. From {@link #COUNT_FROM} rows on, the window takes
 * the exact number of matching rows and, when the page lies in the far half, reads it from the end
 * in reverse order: the deepest page then costs one count and one short read, as the first page
 * did. The count must come from the same snapshot as the page read, or the window could be off by
 * the rows written in between (see {@code ProformaService.list}).
 */
record PageWindow(int offset, int limit, boolean fromEnd) {

    /** Below this, stepping over the rows costs less than counting them. */
    static final int COUNT_FROM = 10_000;

    static PageWindow of(int offset, int limit, IntSupplier matchingRows) {
        if (offset < COUNT_FROM) {
            return new PageWindow(offset, limit, false);
        }
        int total = matchingRows.getAsInt();
        int rows = Math.max(0, Math.min(limit, total - offset));
        int rowsAfter = Math.max(0, total - offset - rows);
        return rowsAfter < offset ? new PageWindow(rowsAfter, rows, true) : new PageWindow(offset, rows, false);
    }

    boolean isEmpty() {
        return limit <= 0;
    }
}
