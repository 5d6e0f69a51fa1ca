package com.countersign.history.ui;

import static com.countersign.support.Fixtures.content;
import static com.countersign.support.Fixtures.uniqueCustomer;
import static com.countersign.support.Ui.notificationTexts;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.history.FieldChange;
import com.countersign.history.HistoryEntry;
import com.countersign.history.HistoryService;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.ProformaStatus;
import com.countersign.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HistoryTabTest extends KaribuTest {

    @Autowired
    ProformaService proformas;

    @Autowired
    HistoryService history;

    ProformaSnapshot created;
    HistoryPanel panel;

    @BeforeEach
    void a_proforma_edited_by_someone_else_is_open_on_its_history_tab() {
        login("staff", "STAFF");
        created = proformas.create(content(uniqueCustomer("Timeline")));
        asSomeoneElse("staff2", "STAFF", () -> proformas.update(created.id(), created.version(),
                withStatus(created.content(), ProformaStatus.ISSUED)));
        navigate("proformas/" + created.id());
        _get(TabSheet.class).setSelectedIndex(1);
        panel = _get(HistoryPanel.class);
    }

    @Test
    void the_timeline_lists_every_version_newest_first_with_who_and_why() {
        assertThat(GridKt._size(panel.timeline)).isEqualTo(2);
        assertThat(GridKt._getFormatted(panel.timeline, 0, "who")).isEqualTo("staff2");
        assertThat(GridKt._getFormatted(panel.timeline, 0, "what")).isEqualTo("Edited");
        assertThat(GridKt._getFormatted(panel.timeline, 1, "who")).isEqualTo("staff");
        assertThat(GridKt._getFormatted(panel.timeline, 1, "why")).isEqualTo("Created in the portal");
    }

    @Test
    void comparing_a_version_with_the_one_before_shows_the_changed_field() {
        panel.timeline.select(GridKt._get(panel.timeline, 0));
        _click(panel.compare);

        @SuppressWarnings("unchecked")
        Grid<FieldChange> diff = _get(panel.detail, Grid.class);
        assertThat(GridKt._size(diff)).isEqualTo(1);
        assertThat(GridKt._get(diff, 0)).isEqualTo(new FieldChange("Status", "DRAFT", "ISSUED"));
    }

    @Test
    void restoring_the_first_version_writes_a_new_version_with_the_reason() {
        HistoryEntry first = GridKt._get(panel.timeline, 1);
        panel.timeline.select(first);
        _click(panel.restore);
        _setValue(_get(TextArea.class, spec -> spec.withLabel("Why is this version restored?")),
                "issued by mistake");
        _click(_get(Button.class, spec -> spec.withText("Restore")));

        assertThat(notificationTexts()).anyMatch(text -> text.contains("restored to the version of"));
        assertThat(proformas.find(created.id()).orElseThrow().content().status()).isEqualTo(ProformaStatus.DRAFT);
        List<HistoryEntry> timeline = history.timeline(created.id());
        assertThat(timeline).hasSize(3);
        assertThat(timeline.get(0).reason()).contains("issued by mistake");
        assertThat(GridKt._size(panel.timeline)).as("the tab shows the new version").isEqualTo(3);
    }

    @Test
    void a_restore_without_a_reason_is_refused_and_changes_nothing() {
        panel.timeline.select(GridKt._get(panel.timeline, 1));
        _click(panel.restore);
        _click(_get(Button.class, spec -> spec.withText("Restore")));

        assertThat(_get(TextArea.class, spec -> spec.withLabel("Why is this version restored?")).isInvalid()).isTrue();
        assertThat(history.timeline(created.id())).hasSize(2);
    }

    private static ProformaContent withStatus(ProformaContent c, ProformaStatus status) {
        return new ProformaContent(c.customerName(), c.customerAddress(), c.customerVatId(), c.issueDate(),
                c.validUntil(), c.currency(), status, c.notes(), c.lines());
    }
}
