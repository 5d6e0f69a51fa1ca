package com.countersign.recovery.ui;

import static com.countersign.support.Ui.button;
import static com.countersign.support.Ui.notificationTexts;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.countersign.breaker.LoopBreakerService;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.support.Fixtures;
import com.countersign.support.KaribuTest;
import com.countersign.support.LoopBreakerLimit;
import com.countersign.support.Seeds;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** A clerk's loop of saves trips the breaker; a manager sees it above every view and resets it in Recovery. */
class LoopBreakerSectionTest extends KaribuTest {

    @Autowired ProformaService proformas;
    @Autowired JdbcClient jdbc;
    @Autowired LoopBreakerLimit limit;
    @Autowired LoopBreakerService breaker;

    List<Long> ids;

    @BeforeEach
    void twenty_six_proformas_and_the_shipped_limit() {
        limit.clear();
        limit.shipped();
        String customer = Fixtures.uniqueCustomer("Breaker view");
        Seeds.oneLineProformas(jdbc, customer, 26, "Breaker");
        ids = jdbc.sql("select id from proforma where customer_name = :c order by id").param("c", customer)
                .query(Long.class).list();
    }

    @AfterEach
    void lift_the_limit_again() {
        limit.clear();
        limit.liftForTheSuite("back to the suite's limit after LoopBreakerSectionTest");
    }

    @Test
    void a_clerk_is_stopped_at_the_limit_and_a_manager_resets_the_breaker_with_a_reason() {
        login("loop-clerk", "STAFF");
        ids.subList(0, 25).forEach(id -> saveNotes(id, "one by one"));

        navigate("proformas/" + ids.get(25));
        _setValue(_get(TextArea.class, spec -> spec.withLabel("Notes")), "the 26th");
        NotificationsKt.clearNotifications();
        _click(button("Save"));
        assertThat(notificationTexts()).anySatisfy(text -> assertThat(text)
                .contains("loop-clerk", "tripped the breaker", "until a manager resets", "Your changes were not saved"));
        assertThat(notes(ids.get(25))).isNotEqualTo("the 26th");
        assertThat(notices().isVisible()).as("staff see no breaker notice").isFalse();

        login("manager", "MANAGER");
        // the editor asks whether to discard the typing that was not saved
        _find(ConfirmDialog.class).forEach(ConfirmDialogKt::_fireConfirm);
        navigate("proformas");
        _find(ConfirmDialog.class).forEach(ConfirmDialogKt::_fireConfirm);
        assertThat(notices().isVisible()).isTrue();
        assertThat(notices().getElement().getTextRecursively()).contains("Loop breaker tripped", "loop-clerk", "25 proformas",
                "reset", "Recovery");
        navigate(RecoveryView.class);
        LoopBreakerSection section = _get(LoopBreakerSection.class);
        assertThat(section.rule.getText()).contains("25 proformas in 10 minutes", "1 refused now");
        assertThat(section.tripped.getGenericDataView().getItems().toList()).singleElement()
                .satisfies(trip -> assertThat(trip.actor()).isEqualTo("loop-clerk"));
        section.tripped.select(section.tripped.getGenericDataView().getItems().findFirst().orElseThrow());

        NotificationsKt.clearNotifications();
        _click(section.reset);
        assertThat(notificationTexts()).containsExactly("Say why the breaker is reset");
        _setValue(section.reason, "the clerk was entering a price list; asked for a bulk edit instead");
        _click(section.reset);

        assertThat(notificationTexts()).last().asString().contains("loop-clerk", "may change proformas again");
        assertThat(section.tripped.isVisible()).isFalse();
        assertThat(section.resets.getGenericDataView().getItems().findFirst().orElseThrow().resetReason())
                .isEqualTo("the clerk was entering a price list; asked for a bulk edit instead");
        assertThat(notices().isVisible()).isFalse();
        assertThat(jdbc.sql("select actor || ' ' || db_user || ': ' || reason from loop_breaker_event"
                        + " where action = 'RESET' order by id desc limit 1").query(String.class).single())
                .startsWith("manager ").endsWith(": the clerk was entering a price list; asked for a bulk edit instead");

        login("loop-clerk", "STAFF");
        saveNotes(ids.get(25), "after the reset");
        assertThat(notes(ids.get(25))).isEqualTo("after the reset");
    }

    @Test
    void an_admin_sees_the_breaker_in_recovery_but_only_a_manager_resets_it() {
        login("admin", "ADMIN");
        LoopBreakerSection section = _get(navigate(RecoveryView.class), LoopBreakerSection.class);
        assertThat(section.rule.getText()).contains("Nobody is refused now");
        assertThat(section.reset.isVisible()).isFalse();
        assertThatThrownBy(() -> breaker.reset(1, "an admin tries")).isInstanceOf(AccessDeniedException.class);
    }

    private void saveNotes(long id, String notes) {
        ProformaSnapshot read = proformas.find(id).orElseThrow();
        ProformaContent c = read.content();
        proformas.update(id, read.version(), new ProformaContent(c.customerName(), c.customerAddress(),
                c.customerVatId(), c.issueDate(), c.validUntil(), c.currency(), c.status(), notes, c.lines()));
    }

    private String notes(long id) {
        return jdbc.sql("select coalesce(notes, '') from proforma where id = :id").param("id", id).query(String.class).single();
    }

    private static Div notices() {
        return descendants(UI.getCurrent())
                .filter(c -> c instanceof Div div && div.hasClassName("cs-notice-banner"))
                .map(Div.class::cast).findFirst().orElseThrow();
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(LoopBreakerSectionTest::descendants));
    }
}
