package com.countersign.paper;

import static com.countersign.support.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.lock.EditLockService;
import com.countersign.lock.Locks;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.ProformaStatus;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** Printed forms say what the records say: checked by reading the PDF's text back, and the CSV's cells. */
@CountersignTest
class PaperFormsTest {

    @Autowired
    PaperService paper;

    @Autowired
    ProformaService proformas;

    @Autowired
    EditLockService locks;

    @Autowired
    JdbcClient jdbc;

    String prefix;
    ProformaSnapshot mixedRates;

    @BeforeEach
    void a_proforma_with_two_tax_rates() {
        prefix = Fixtures.uniqueCustomer("Paper");
        Users.actAs("staff", "STAFF");
        mixedRates = proformas.create(new ProformaContent(prefix + " Optik AG", "Hauptstraße 5\n80331 München",
                "DE811111111", java.time.LocalDate.of(2026, 3, 2), java.time.LocalDate.of(2026, 4, 1),
                java.util.Currency.getInstance("EUR"), ProformaStatus.ISSUED, "Delivery in two parts",
                List.of(line("Lens grinding", "3", "120.50", "20"), line("Manual, printed", "2", "15", "7"))));
    }

    @AfterEach
    void signed_out_and_open() {
        Locks.forceOpen(jdbc);
        Users.anonymous();
    }

    @Test
    void the_form_of_one_proforma_shows_number_customer_lines_and_totals_per_tax_rate() {
        String text = Pdfs.text(pdf(out -> paper.printOne(mixedRates.id(), out)));
        assertThat(text).contains("PROFORMA INVOICE", mixedRates.number(), prefix + " Optik AG", "80331 München",
                "VAT id DE811111111", "2026-03-02", "2026-04-01", "ISSUED", "Lens grinding", "Manual, printed",
                "Delivery in two parts", "Signature and stamp", "Countersign Demo GmbH");
        // 3 × 120.50 = 361.50 at 20 % → 72.30; 2 × 15 = 30.00 at 7 % → 2.10
        assertThat(text).contains("120.50", "15.00");
        assertThat(text).contains("Net 391.50 EUR", "Tax 20 % 72.30 EUR", "Tax 7 % 2.10 EUR", "Total 465.90 EUR");
    }

    @Test
    void a_pack_as_of_a_moment_shows_the_values_of_that_moment_after_a_later_change() throws InterruptedException {
        Thread.sleep(5);
        Instant beforeDamage = Instant.now();
        Thread.sleep(5);
        // the damage: a one-record data fix gone wrong, straight in SQL (a risky edit in the portal
        // would wait for approval instead)
        jdbc.sql("update proforma set customer_name = :name, status = 'CANCELLED' where id = :id")
                .param("name", prefix + " DAMAGED").param("id", mixedRates.id()).update();
        jdbc.sql("update proforma_line set description = 'Overwritten', unit_price = 1 where proforma_id = :id")
                .param("id", mixedRates.id()).update();
        Users.actAs("manager", "MANAGER");
        var selection = PaperSelection.asOf(new ProformaFilter(null, prefix, Set.of(), null, null), beforeDamage);
        assertThat(paper.count(selection)).isEqualTo(1);
        String text = Pdfs.text(pdf(out -> paper.printPdf(selection, out, done -> {})));
        assertThat(text).contains(mixedRates.number(), prefix + " Optik AG", "Lens grinding", "Total 465.90 EUR", "AS OF")
                .doesNotContain("DAMAGED", "Overwritten");
        String current = Pdfs.text(pdf(out -> paper.printPdf(
                PaperSelection.matching(new ProformaFilter(null, prefix, Set.of(), null, null)), out, done -> {})));
        assertThat(current).contains("DAMAGED", "Overwritten").doesNotContain("AS OF");
    }

    @Test
    void packs_and_csv_are_printed_while_editing_is_locked() {
        Users.actAs("manager", "MANAGER");
        locks.lock("Incident: totals overwritten", null);
        var selection = PaperSelection.matching(new ProformaFilter(null, prefix, Set.of(), null, null));
        int[] progress = {0};
        byte[] pdf = pdf(out -> assertThat(paper.printPdf(selection, out, done -> progress[0] = done)).isEqualTo(1));
        assertThat(progress[0]).isEqualTo(1);
        assertThat(Pdfs.text(pdf)).contains(mixedRates.number());
        assertThat(csv(selection)).contains(mixedRates.number());
        assertThat(paper.reserveBlankForms(2, "during the incident").count()).isEqualTo(2);
    }

    @Test
    void a_selection_prints_exactly_the_chosen_proformas() {
        ProformaSnapshot second = proformas.create(Fixtures.content(prefix + " Second"));
        proformas.create(Fixtures.content(prefix + " Not chosen"));
        Users.actAs("manager", "MANAGER");
        byte[] pdf = pdf(out -> paper.printPdf(PaperSelection.chosen(List.of(second.id(), mixedRates.id())), out,
                done -> {}));
        assertThat(Pdfs.pages(pdf)).isEqualTo(2);
        assertThat(Pdfs.text(pdf)).contains(mixedRates.number(), second.number()).doesNotContain("Not chosen");
    }

    @Test
    void the_csv_has_one_row_per_line_with_the_proformas_totals() {
        Users.actAs("manager", "MANAGER");
        String csv = csv(PaperSelection.matching(new ProformaFilter(null, prefix, Set.of(), null, null)));
        assertThat(csv).startsWith("\uFEFFnumber,as_of,status,");
        // rows end in CRLF; the address keeps its own line break inside quotes
        List<String> rows = List.of(csv.substring(1).split("\r\n"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).isEqualTo(mixedRates.number() + ",,ISSUED,2026-03-02,2026-04-01,EUR," + prefix
                + " Optik AG,\"Hauptstraße 5\n80331 München\",DE811111111,Delivery in two parts,1,Lens grinding,"
                + "3.000,120.5000,20.00,361.50,391.50,74.40,465.90");
        assertThat(rows.get(2)).contains(",2,\"Manual, printed\",2.000,15.0000,7.00,30.00,391.50,74.40,465.90");
    }

    @Test
    void a_proforma_with_many_lines_continues_on_further_pages_with_the_totals_at_the_end() {
        List<com.countersign.proforma.ProformaLine> lines = java.util.stream.IntStream.rangeClosed(1, 80)
                .mapToObj(i -> line("Spare part number " + i + " with a description long enough to wrap onto a "
                        + "second line in the description column", "1", "10", "20"))
                .toList();
        long id = proformas.create(new ProformaContent(prefix + " Long order", "Street 1", null,
                java.time.LocalDate.of(2026, 3, 2), java.time.LocalDate.of(2026, 4, 1),
                java.util.Currency.getInstance("EUR"), ProformaStatus.DRAFT, null, lines)).id();
        byte[] pdf = pdf(out -> paper.printOne(id, out));
        assertThat(Pdfs.pages(pdf)).isGreaterThan(2);
        String text = Pdfs.text(pdf);
        assertThat(text).contains("continued", "Spare part number 1 ", "Spare part number 80 ", "Net 800.00 EUR",
                "Total 960.00 EUR");
        assertThat(text.indexOf("Total 960.00 EUR")).isGreaterThan(text.indexOf("Spare part number 80 "));
    }

    @Test
    void names_outside_latin_1_print_as_written() {
        var content = new ProformaContent(prefix + " Dvořák a synové s.r.o.", "Łódzka 7\nKraków", null,
                java.time.LocalDate.of(2026, 3, 2), java.time.LocalDate.of(2026, 4, 1),
                java.util.Currency.getInstance("CZK"), ProformaStatus.DRAFT, "Zboží – dodání ve středu",
                List.of(line("Šroub M8", "100", "2.5", "21")));
        long id = proformas.create(content).id();
        assertThat(Pdfs.text(pdf(out -> paper.printOne(id, out))))
                .contains("Dvořák a synové s.r.o.", "Łódzka 7", "Šroub M8", "Zboží – dodání ve středu");
    }

    @Test
    void a_csv_cell_that_a_spreadsheet_would_run_is_kept_as_text() {
        assertThat(CsvFormWriter.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CsvFormWriter.cell("-12.50")).isEqualTo("-12.50");
    }

    @Test
    void staff_print_one_proforma_but_not_packs() {
        assertThat(Pdfs.text(pdf(out -> paper.printOne(mixedRates.id(), out)))).contains(mixedRates.number());
        assertThatThrownBy(() -> paper.printPdf(PaperSelection.matching(ProformaFilter.ALL),
                new ByteArrayOutputStream(), done -> {})).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> paper.reserveBlankForms(1, null)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void an_empty_selection_still_gives_a_readable_pdf() {
        Users.actAs("manager", "MANAGER");
        byte[] pdf = pdf(out -> paper.printPdf(
                PaperSelection.matching(new ProformaFilter(null, "no such customer zz", Set.of(), null, null)), out,
                done -> {}));
        assertThat(Pdfs.text(pdf)).contains("No proformas to print");
    }

    private String csv(PaperSelection selection) {
        return new String(pdf(out -> paper.exportCsv(selection, out, done -> {})), StandardCharsets.UTF_8);
    }

    static byte[] pdf(java.util.function.Consumer<ByteArrayOutputStream> write) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write.accept(out);
        return out.toByteArray();
    }
}
