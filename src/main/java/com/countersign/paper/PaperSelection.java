package com.countersign.paper;

import com.countersign.proforma.ProformaFilter;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which proformas a pack holds: chosen ones by id, everything matching the list's filter, or
 * everything matching it as it was at a moment (the last good versions, from history).
 */
public record PaperSelection(ProformaFilter filter, List<Long> ids, Instant asOf) {

    public PaperSelection {
        filter = filter == null ? ProformaFilter.ALL : filter;
        ids = ids == null ? null : ids.stream().distinct().sorted().toList();
        if (ids != null && asOf != null) {
            throw new IllegalArgumentException("Print chosen proformas or a moment's state, not both");
        }
    }

    public static PaperSelection one(long id) {
        return new PaperSelection(null, List.of(id), null);
    }

    public static PaperSelection chosen(Collection<Long> ids) {
        return new PaperSelection(null, List.copyOf(ids), null);
    }

    public static PaperSelection matching(ProformaFilter filter) {
        return new PaperSelection(filter, null, null);
    }

    public static PaperSelection asOf(ProformaFilter filter, Instant at) {
        return new PaperSelection(filter, null, Objects.requireNonNull(at, "Pick a moment"));
    }

    /** A file name that says what is inside. */
    String fileName(String extension, Instant now) {
        String stamp = now.toString().substring(0, 19).replace(":", "").replace("-", "");
        String what = ids != null ? (ids.size() == 1 ? "proforma-" + ids.get(0) : "proformas-selected")
                : asOf != null ? "proformas-as-of-" + asOf.toString().substring(0, 19).replace(":", "")
                : "proformas";
        return what + "-" + stamp + "." + extension;
    }
}
