package com.countersign.paper;

import com.countersign.base.db.WriteContext;
import com.countersign.history.HistoryService;
import com.countersign.history.ProformaVersion;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The paper fallback: proforma forms as PDF (current, or as of a moment), the same selections as
 * CSV, and blank forms on reserved numbers with their register. Everything here only reads
 * proforma data, so it works while editing is locked. Packs are read a page at a time inside one
 * repeatable-read transaction (one consistent state, however long the pack) and written form by
 * form to the output stream.
 */
@Service
@Transactional(readOnly = true)
public class PaperService {

    static final int PAGE = 500;
    static final String MANAGERS = "hasRole('MANAGER')";

    private final ProformaService proformas;
    private final HistoryService history;
    private final PaperFormRegister register;
    private final CompanyHeader company;
    private final Clock clock;
    private final TransactionTemplate snapshotReads;

    PaperService(ProformaService proformas, HistoryService history, PaperFormRegister register, CompanyHeader company,
            Clock clock, PlatformTransactionManager transactions) {
        this.proformas = proformas;
        this.history = history;
        this.register = register;
        this.company = company;
        this.clock = clock;
        this.snapshotReads = new TransactionTemplate(transactions);
        snapshotReads.setReadOnly(true);
        snapshotReads.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshotReads.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public CompanyHeader company() {
        return company;
    }

    /** One proforma's form, for anyone who may read it (the editor's Print tab). */
    @PreAuthorize("isAuthenticated()")
    public void printOne(long proformaId, OutputStream out) {
        printPdf(PaperSelection.one(proformaId), out, done -> {});
    }

    @PreAuthorize(MANAGERS + " or #selection.ids() != null and #selection.ids().size() == 1")
    public int count(PaperSelection selection) {
        if (selection.ids() != null) {
            return selection.ids().size();
        }
        return selection.asOf() == null ? proformas.count(selection.filter())
                : history.countAsOf(selection.filter(), selection.asOf());
    }

    /** Writes the forms as one PDF; {@code progress} hears how many are done. Returns the number of forms. */
    @PreAuthorize(MANAGERS + " or #selection.ids() != null and #selection.ids().size() == 1")
    public int printPdf(PaperSelection selection, OutputStream out, IntConsumer progress) {
        try (PdfFormWriter pdf = new PdfFormWriter(out, company, clock.instant())) {
            forEachForm(selection, form -> {
                pdf.add(form);
                progress.accept(pdf.forms());
            });
            return pdf.forms();
        }
    }

    @PreAuthorize(MANAGERS)
    public int exportCsv(PaperSelection selection, OutputStream out, IntConsumer progress) {
        try (CsvFormWriter csv = new CsvFormWriter(out)) {
            forEachForm(selection, form -> {
                csv.add(form);
                progress.accept(csv.forms());
            });
            return csv.forms();
        }
    }

    /** Takes {@code count} numbers from the proforma sequence for blank forms, recorded in the register. */
    @PreAuthorize(MANAGERS)
    @Transactional
    public BlankBatch reserveBlankForms(int count, String note) {
        List<String> numbers = proformas.reserveNumbers(count);
        String by = WriteContext.currentActor();
        String why = note == null || note.isBlank() ? null : note.strip();
        return BlankBatch.of(register.reserve(numbers, by, why), numbers, by, clock.instant(), why);
    }

    /** Blank forms, one per reserved number of the batch, page by page. */
    @PreAuthorize(MANAGERS)
    public int printBlankForms(long batchId, OutputStream out, IntConsumer progress) {
        try (PdfFormWriter pdf = new PdfFormWriter(out, company, clock.instant())) {
            String after = "";
            List<String> numbers;
            while (!(numbers = register.numbers(batchId, after, PAGE)).isEmpty()) {
                for (String number : numbers) {
                    pdf.addBlank(number);
                    progress.accept(pdf.forms());
                }
                after = numbers.get(numbers.size() - 1);
            }
            if (pdf.forms() == 0) {
                pdf.addNotice("Batch " + batchId + " has no reserved numbers.");
            }
            return pdf.forms();
        }
    }

    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER')")
    public List<ReservedNumber> register(RegisterFilter filter, int offset, int limit) {
        return register.page(filter, offset, limit);
    }

    @PreAuthorize("hasAnyRole('STAFF', 'MANAGER')")
    public int registerCount(RegisterFilter filter) {
        return register.count(filter);
    }

    @PreAuthorize(MANAGERS)
    public List<BlankBatch> batches(int limit) {
        return register.batches(limit);
    }

    public String fileName(PaperSelection selection, String extension) {
        return selection.fileName(extension, clock.instant());
    }

    private void forEachForm(PaperSelection selection, Consumer<PaperForm> sink) {
        snapshotReads.executeWithoutResult(tx -> {
            if (selection.ids() != null) {
                List<Long> ids = selection.ids();
                for (int from = 0; from < ids.size(); from += PAGE) {
                    proformas.findAll(ids.subList(from, Math.min(ids.size(), from + PAGE)))
                            .forEach(p -> sink.accept(PaperForm.current(p)));
                }
            } else if (selection.asOf() != null) {
                Instant at = selection.asOf();
                long after = 0;
                List<ProformaVersion> page;
                while (!(page = history.fullPageAsOf(selection.filter(), at, after, PAGE)).isEmpty()) {
                    page.forEach(v -> sink.accept(PaperForm.asOf(v, at)));
                    after = page.get(page.size() - 1).proformaId();
                }
            } else {
                long after = 0;
                List<ProformaSnapshot> page;
                while (!(page = proformas.fullPage(selection.filter(), after, PAGE)).isEmpty()) {
                    page.forEach(p -> sink.accept(PaperForm.current(p)));
                    after = page.get(page.size() - 1).id();
                }
            }
        });
    }
}
