package com.countersign.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.base.EditingLockedException;
import com.countersign.lock.EditLockService;
import com.countersign.lock.Locks;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSource;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Blank forms carry numbers from the proforma sequence; entering one later closes it in the register. */
@CountersignTest
class PaperRegisterTest {

    @Autowired
    PaperService paper;

    @Autowired
    ProformaService proformas;

    @Autowired
    EditLockService locks;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signed_out_and_open() {
        Locks.forceOpen(jdbc);
        Users.anonymous();
    }

    @Test
    void blank_forms_carry_the_reserved_numbers_and_the_register_lists_them_as_open() {
        Users.actAs("manager", "MANAGER");
        BlankBatch batch = paper.reserveBlankForms(3, "Branch office");
        List<String> numbers = numbersOf(batch);
        assertThat(numbers).hasSize(3).allMatch(n -> n.matches("PF-\\d{4}-\\d{6}"));
        byte[] pdf = PaperFormsTest.pdf(out -> assertThat(paper.printBlankForms(batch.id(), out, d -> {})).isEqualTo(3));
        assertThat(Pdfs.pages(pdf)).isEqualTo(3);
        assertThat(Pdfs.text(pdf)).contains(numbers.toArray(String[]::new)).contains("PAPER FORM", "Signature and stamp");
        assertThat(paper.register(RegisterFilter.OPEN, 0, 1000)).extracting(ReservedNumber::number)
                .containsAll(numbers);
    }

    @Test
    void entering_a_paper_form_under_its_number_updates_the_register() {
        Users.actAs("manager", "MANAGER");
        List<String> numbers = numbersOf(paper.reserveBlankForms(2, null));
        int openBefore = paper.registerCount(RegisterFilter.OPEN);

        Users.actAs("staff", "STAFF");
        var entered = proformas.enterFromPaper(numbers.get(0), Fixtures.content(Fixtures.uniqueCustomer("Paper entry")));
        assertThat(entered.number()).isEqualTo(numbers.get(0));
        assertThat(entered.source()).isEqualTo(ProformaSource.PAPER);

        ReservedNumber row = paper.register(RegisterFilter.ENTERED, 0, 1000).stream()
                .filter(r -> r.number().equals(numbers.get(0))).findFirst().orElseThrow();
        assertThat(row.proformaId()).isEqualTo(entered.id());
        assertThat(row.enteredBy()).isEqualTo("staff");
        assertThat(paper.registerCount(RegisterFilter.OPEN)).isEqualTo(openBefore - 1);
    }

    @Test
    void a_number_entered_twice_or_never_reserved_is_refused_and_nothing_is_saved() {
        Users.actAs("manager", "MANAGER");
        String number = numbersOf(paper.reserveBlankForms(1, null)).get(0);
        Users.actAs("staff", "STAFF");
        proformas.enterFromPaper(number, Fixtures.content(Fixtures.uniqueCustomer("First entry")));
        String twice = Fixtures.uniqueCustomer("Second entry");
        assertThatThrownBy(() -> proformas.enterFromPaper(number, Fixtures.content(twice)));
        String neverReserved = Fixtures.uniqueCustomer("Unreserved");
        assertThatThrownBy(() -> proformas.enterFromPaper("PF-2026-987654", Fixtures.content(neverReserved)))
                .hasMessageContaining("not a reserved paper form number");
        assertThat(jdbc.sql("select count(*) from proforma where customer_name in (:a, :b)")
                .param("a", twice).param("b", neverReserved).query(Integer.class).single()).isZero();
    }

    @Test
    void paper_forms_are_entered_only_after_unlock() {
        Users.actAs("manager", "MANAGER");
        String number = numbersOf(paper.reserveBlankForms(1, null)).get(0);
        locks.lock("Incident", null);
        Users.actAs("staff", "STAFF");
        assertThatThrownBy(() -> proformas.enterFromPaper(number, Fixtures.content(Fixtures.uniqueCustomer("Early"))))
                .isInstanceOf(EditingLockedException.class);
        Users.actAs("manager", "MANAGER");
        locks.unlock("over");
        Users.actAs("staff", "STAFF");
        assertThat(proformas.enterFromPaper(number, Fixtures.content(Fixtures.uniqueCustomer("Late"))).number())
                .isEqualTo(number);
    }

    private List<String> numbersOf(BlankBatch batch) {
        return jdbc.sql("select number from paper_number_reservation where batch_id = :b order by number")
                .param("b", batch.id()).query(String.class).list();
    }
}
