package com.countersign.history.ui;

import static com.countersign.support.Fixtures.content;
import static com.countersign.support.Fixtures.uniqueCustomer;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NavigatorKt;
import com.vaadin.flow.component.html.Paragraph;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The way back after damage: the list as it was, and a deleted proforma found through its history. */
class AsOfViewsTest extends KaribuTest {

    @Autowired
    ProformaService proformas;

    @Autowired
    JdbcClient jdbc;

    @Test
    void the_list_as_of_a_moment_shows_a_proforma_as_it_was_before_it_was_renamed_and_deleted() {
        login("staff", "STAFF");
        String customer = uniqueCustomer("Before");
        ProformaSnapshot created = proformas.create(content(customer));
        LocalDateTime before = LocalDateTime.ofInstant(
                jdbc.sql("select clock_timestamp()").query(java.sql.Timestamp.class).single().toInstant(),
                ZoneId.systemDefault()).withNano(0).plusSeconds(1);
        sleepPastSecond();
        jdbc.sql("update proforma set customer_name = 'Damaged' where id = :id").param("id", created.id()).update();
        jdbc.sql("delete from proforma where id = :id").param("id", created.id()).update();

        navigate("history/as-of");
        ProformaAsOfView view = _get(ProformaAsOfView.class);
        _setValue(view.customer, customer);
        _setValue(view.asOf, before);

        assertThat(GridKt._size(view.grid)).isEqualTo(1);
        assertThat(GridKt._getFormatted(view.grid, 0, "customer")).isEqualTo(customer);
        assertThat(GridKt._getFormatted(view.grid, 0, "number")).isEqualTo(created.number());

        _setValue(view.asOf, LocalDateTime.now().plusMinutes(1));
        assertThat(GridKt._size(view.grid)).as("deleted by now").isZero();
    }

    @Test
    void a_deleted_proforma_has_a_history_page_that_says_so() {
        login("staff", "STAFF");
        ProformaSnapshot created = proformas.create(content(uniqueCustomer("Gone")));
        jdbc.sql("delete from proforma where id = :id").param("id", created.id()).update();

        navigate("history/proforma/" + created.id());

        NavigatorKt.expectView(ProformaHistoryView.class);
        assertThat(_get(Paragraph.class, spec -> spec.withText(created.number() + " ("
                + created.content().customerName() + ") is deleted. Pick its last version below and restore it to "
                + "bring it back with its lines.")).isVisible()).isTrue();
        assertThat(GridKt._size(_get(HistoryPanel.class).timeline)).isEqualTo(2);
    }

    private static void sleepPastSecond() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
