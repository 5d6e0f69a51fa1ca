package com.countersign.security.ui;

import com.countersign.security.UserAuditEntry;
import com.countersign.security.UserAuditEntry.Action;
import com.countersign.security.UserAuditService;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * ADMIN and MANAGER: every change to users, roles and passwords, every lockout and unlock, newest
 * first, filtered by what happened, to whom or by whom, and when. Read-only: the table is append-only.
 */
@Route("admin/user-audit")
@PageTitle("User audit · Countersign")
@RolesAllowed({"ADMIN", "MANAGER"})
public class UserAuditView extends VerticalLayout {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final Select<Action> action = new Select<>();
    final TextField person = new TextField("User or actor");
    final DatePicker from = new DatePicker("From");
    final DatePicker until = new DatePicker("Until (inclusive)");
    final Grid<UserAuditEntry> grid = new Grid<>(UserAuditEntry.class, false);

    private final transient UserAuditService audit;
    private final ZoneId zone = ZoneId.systemDefault();

    public UserAuditView(UserAuditService audit) {
        this.audit = audit;
        setSizeFull();
        action.setLabel("What");
        action.setItems(Action.values());
        action.setEmptySelectionAllowed(true);
        action.setEmptySelectionCaption("Everything");
        person.setValueChangeMode(ValueChangeMode.LAZY);
        person.setClearButtonVisible(true);
        action.addValueChangeListener(e -> refresh());
        person.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        until.addValueChangeListener(e -> refresh());
        grid.addColumn(e -> AT.format(e.at().atZone(zone))).setHeader("When").setKey("at").setAutoWidth(true);
        grid.addColumn(e -> e.action().name()).setHeader("What").setKey("action").setAutoWidth(true);
        grid.addColumn(UserAuditEntry::target).setHeader("Concerning").setKey("target").setAutoWidth(true);
        grid.addColumn(UserAuditEntry::actor).setHeader("By").setKey("actor").setAutoWidth(true);
        grid.addColumn(e -> e.detail() == null ? "" : e.detail()).setHeader("Detail").setKey("detail").setFlexGrow(1);
        grid.setSizeFull();
        HorizontalLayout filters = new HorizontalLayout(action, person, from, until);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H2("User audit"), filters, grid);
        refresh();
    }

    UserAuditEntry.Filter filter() {
        Instant start = from.getValue() == null ? null : from.getValue().atStartOfDay(zone).toInstant();
        LocalDate last = until.getValue();
        Instant end = last == null ? null : last.plusDays(1).atStartOfDay(zone).toInstant();
        return new UserAuditEntry.Filter(action.getValue(), person.getValue(), start, end);
    }

    private void refresh() {
        UserAuditEntry.Filter filter = filter();
        grid.setItems(query -> audit.find(filter, query.getOffset(), query.getLimit()).stream(),
                query -> audit.count(filter));
    }
}
