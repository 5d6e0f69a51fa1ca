package com.countersign.recovery.ui;

import com.countersign.base.db.WriteContext;
import com.countersign.base.ui.MainLayout;
import com.countersign.breaker.BreakerTrip;
import com.countersign.breaker.LoopBreakerService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.security.access.AccessDeniedException;

/**
 * The loop breaker in Recovery: who is refused for changing too many proformas one transaction at
 * a time, and a manager's reset with a reason. Resets already done are listed below with theirs.
 */
class LoopBreakerSection extends VerticalLayout {

    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    final Paragraph rule = new Paragraph();
    final Grid<BreakerTrip> tripped = new Grid<>(BreakerTrip.class, false);
    final TextArea reason = new TextArea("Why may they change proformas again?");
    final Button reset = new Button("Reset the breaker");
    final Grid<BreakerTrip> resets = new Grid<>(BreakerTrip.class, false);

    private final transient LoopBreakerService breaker;

    LoopBreakerSection(LoopBreakerService breaker) {
        this.breaker = breaker;
        setPadding(false);
        tripped.addColumn(t -> WHEN.format(t.trippedAt())).setHeader("Tripped").setAutoWidth(true);
        tripped.addColumn(BreakerTrip::who).setHeader("Who").setAutoWidth(true);
        tripped.addColumn(BreakerTrip::proformas).setHeader("Proformas").setAutoWidth(true);
        tripped.addColumn(t -> t.firstProformaId() + " … " + t.lastProformaId()).setHeader("First … last proforma")
                .setAutoWidth(true);
        tripped.addColumn(t -> "since " + WHEN.format(t.firstAt())).setHeader("Changing").setFlexGrow(1);
        tripped.addThemeVariants(GridVariant.LUMO_COMPACT);
        tripped.setAllRowsVisible(true);
        tripped.addSelectionListener(e -> reset.setEnabled(e.getFirstSelectedItem().isPresent()));
        reason.setWidthFull();
        reset.setEnabled(false);
        reset.addClickListener(e -> tripped.asSingleSelect().getOptionalValue().ifPresent(this::reset));
        resets.addColumn(t -> WHEN.format(t.resetAt())).setHeader("Reset").setAutoWidth(true);
        resets.addColumn(BreakerTrip::who).setHeader("Who had tripped it").setAutoWidth(true);
        resets.addColumn(BreakerTrip::resetBy).setHeader("Reset by").setAutoWidth(true);
        resets.addColumn(BreakerTrip::resetReason).setHeader("Why").setFlexGrow(1);
        resets.addThemeVariants(GridVariant.LUMO_COMPACT);
        resets.setAllRowsVisible(true);
        boolean manager = WriteContext.currentRoles().contains("MANAGER");
        reason.setVisible(manager);
        reset.setVisible(manager);
        add(new H3("Loop breaker"), rule, tripped, reason, reset, resets);
        refresh();
    }

    void refresh() {
        var trips = breaker.openTrips();
        rule.setText("Whoever changes " + breaker.settings().describe() + " without an approved change set trips"
                + " the breaker: every further change of theirs is refused until a manager resets it here. "
                + (trips.isEmpty() ? "Nobody is refused now." : trips.size() + " refused now."));
        tripped.setItems(trips);
        tripped.setVisible(!trips.isEmpty());
        resets.setItems(breaker.recentlyReset(10));
        reset.setEnabled(false);
    }

    private void reset(BreakerTrip trip) {
        try {
            breaker.reset(trip.id(), reason.getValue());
            Notification.show("The breaker is reset: " + trip.who() + " may change proformas again")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            reason.clear();
            refresh();
            MainLayout.refreshBanner();
        } catch (IllegalArgumentException | IllegalStateException | AccessDeniedException e) {
            Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
