package com.countersign.lock.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.base.ui.MainLayout;
import com.countersign.lock.EditLockService;
import com.countersign.lock.Locks;
import com.countersign.lock.SignedInUi;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ui.ProformaEditorView;
import com.countersign.proforma.ui.ProformaListView;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What staff see while editing is locked: the banner on every view, and no button that would write. */
@CountersignTest
class LockedEditingUiTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    EditLockService locks;

    @Autowired
    ProformaService proformas;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void open_again() {
        SignedInUi.stop();
        Locks.forceOpen(jdbc);
    }

    @Test
    void staff_see_why_editing_is_locked_and_cannot_save_or_create() {
        Users.actAs("staff", "STAFF");
        long id = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Banner"))).id();
        Users.actAs("manager", "MANAGER");
        locks.lock("Restoring yesterday's damage", null);

        SignedInUi.start(context, "staff", "STAFF");
        UI.getCurrent().navigate(ProformaListView.class);
        Div banner = banner();
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).contains("Restoring yesterday's damage").contains("since").contains("manager");
        assertThat(_get(Button.class, spec -> spec.withText("New proforma")).isEnabled()).isFalse();

        UI.getCurrent().navigate(ProformaEditorView.class, ProformaEditorView.routeTo(id));
        assertThat(banner().isVisible()).isTrue();
        Button save = _get(Button.class, spec -> spec.withText("Save"));
        assertThat(save.isEnabled()).isFalse();
        assertThat(save.getTooltip().getText()).contains("Restoring yesterday's damage");

        var tabs = _get(com.vaadin.flow.component.tabs.TabSheet.class);
        tabs.setSelectedIndex(1); // History
        @SuppressWarnings("unchecked")
        Grid<com.countersign.history.HistoryEntry> timeline = _get(Grid.class);
        timeline.select(com.github.mvysny.kaributesting.v10.GridKt._get(timeline, 0));
        Button restore = _get(Button.class, spec -> spec.withText("Restore this version…"));
        assertThat(restore.isEnabled()).isFalse();
        assertThat(restore.getTooltip().getText()).contains("Restoring yesterday's damage");
    }

    @Test
    void the_banner_follows_the_database_when_another_node_unlocks() {
        Users.actAs("manager", "MANAGER");
        locks.lock("Incident on node B", null);
        SignedInUi.start(context, "staff", "STAFF");
        UI.getCurrent().navigate(ProformaListView.class);
        assertThat(banner().isVisible()).isTrue();

        Locks.forceOpen(jdbc); // as if unlocked on another node
        MainLayout.refreshBanner(); // what the poll does
        assertThat(banner().isVisible()).isFalse();
        assertThat(_get(Button.class, spec -> spec.withText("New proforma")).isEnabled()).isTrue();
    }

    @Test
    void an_open_editor_disables_save_as_soon_as_the_layout_sees_a_lock_from_elsewhere() {
        Users.actAs("staff", "STAFF");
        long id = proformas.create(Fixtures.content(Fixtures.uniqueCustomer("Open editor"))).id();
        SignedInUi.start(context, "staff", "STAFF");
        UI.getCurrent().navigate(ProformaEditorView.class, ProformaEditorView.routeTo(id));
        assertThat(_get(Button.class, spec -> spec.withText("Save")).isEnabled()).isTrue();

        Users.actAs("manager", "MANAGER");
        locks.lock("Locked on node B", null); // another person, another node
        Users.actAs("staff", "STAFF");
        MainLayout.refreshBanner(); // what the poll does
        assertThat(_get(Button.class, spec -> spec.withText("Save")).isEnabled()).isFalse();
        assertThat(banner().getText()).contains("Locked on node B");
    }

    @Test
    void a_manager_locks_and_unlocks_in_the_lock_view() {
        SignedInUi.start(context, "manager", "MANAGER");
        UI.getCurrent().navigate(EditLockView.class);
        _get(TextArea.class, spec -> spec.withLabel("Why is editing locked?")).setValue("Checking totals");
        _get(Button.class, spec -> spec.withText("Lock editing")).click();
        assertThat(locks.current().locked()).isTrue();
        assertThat(banner().isVisible()).isTrue();
        Button unlock = _get(Button.class, spec -> spec.withText("Unlock editing"));
        assertThat(unlock.isEnabled()).isTrue();
        _get(TextField.class, spec -> spec.withLabel("Note on unlocking (optional)")).setValue("All good");
        unlock.click();
        assertThat(locks.current().locked()).isFalse();
        assertThat(banner().isVisible()).isFalse();
        assertThat(_get(Grid.class).getGenericDataView().getItems().count()).isGreaterThanOrEqualTo(2);
    }

    /** The banner, visible or not (Karibu's lookups see only visible components). */
    private static Div banner() {
        return descendants(UI.getCurrent())
                .filter(c -> c instanceof Div div && div.hasClassName("cs-lock-banner"))
                .map(Div.class::cast).findFirst().orElseThrow();
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(LockedEditingUiTest::descendants));
    }
}
