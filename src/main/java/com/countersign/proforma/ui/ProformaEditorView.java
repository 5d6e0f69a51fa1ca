package com.countersign.proforma.ui;

import com.countersign.base.EditingLockedException;
import com.countersign.base.NotFoundException;
import com.countersign.base.WriteBlock;
import com.countersign.base.WriteGate;
import com.countersign.base.ui.MainLayout;
import com.countersign.proforma.EditConflictException;
import com.countersign.proforma.EditNeedsApprovalException;
import com.countersign.proforma.PaperFormNumbers;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * One proforma, at /proformas/{id} or /proformas/new (with {@code ?paper=PF-…} to enter a paper form
 * under its printed number). Saving changes this record and no other; while editing is locked the
 * save button is disabled and says why.
 */
@Route("proformas/:id")
@PageTitle("Proforma · Countersign")
@PermitAll
public class ProformaEditorView extends VerticalLayout implements BeforeEnterObserver, BeforeLeaveObserver {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    final H2 title = new H2();
    final Span lastChange = new Span();
    final ProformaForm form = new ProformaForm();
    final TabSheet tabs = new TabSheet();

    private final transient ProformaService service;
    private final transient Clock clock;
    private final transient List<ProformaEditorTab> extensions;
    private final List<Registration> tabListeners = new ArrayList<>();
    private final transient WriteGate writeGate;
    private final transient PaperFormNumbers paperNumbers;
    private final boolean mayEdit;
    private Long id;
    private String paperNumber;
    private Registration lockWatch;
    private int readVersion;
    private transient ProformaContent loaded;

    public ProformaEditorView(ProformaService service, AuthenticationContext authentication, Clock clock,
            List<ProformaEditorTab> extensions, WriteGate writeGate, PaperFormNumbers paperNumbers) {
        this.service = service;
        this.paperNumbers = paperNumbers;
        this.writeGate = writeGate;
        this.clock = clock;
        this.extensions = extensions;
        this.mayEdit = authentication.hasAnyRole("STAFF", "MANAGER");
        form.addSaveListener(e -> save());
        form.addCloseListener(e -> UI.getCurrent().navigate(ProformaListView.class));
        tabs.setWidthFull();
        add(title, lastChange, tabs);
    }

    /** Details first; other features' tabs (history) are built when opened, with fresh data. */
    private void buildTabs() {
        tabListeners.forEach(Registration::remove);
        tabListeners.clear();
        while (tabs.getTabCount() > 0) {
            tabs.remove(tabs.getTabAt(0));
        }
        tabs.add("Details", form);
        if (id == null) {
            return;
        }
        long current = id;
        for (ProformaEditorTab extension : extensions) {
            Div holder = new Div();
            holder.setWidthFull();
            Tab tab = tabs.add(extension.label(), holder);
            tabListeners.add(tabs.addSelectedChangeListener(e -> {
                if (e.getSelectedTab() == tab) {
                    holder.removeAll();
                    holder.add(extension.create(current, () -> service.find(current).ifPresent(this::show)));
                }
            }));
        }
    }

    public static RouteParameters routeTo(long id) {
        return new RouteParameters("id", String.valueOf(id));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String param = event.getRouteParameters().get("id").orElse("");
        if (param.equals("new")) {
            if (!mayEdit) {
                throw new NotFoundException("Only staff and managers can create proformas.");
            }
            id = null;
            paperNumber = event.getLocation().getQueryParameters().getSingleParameter("paper").orElse(null);
            if (paperNumber != null) {
                paperNumbers.whyNotEnterable(paperNumber).ifPresent(why -> {
                    throw new NotFoundException(why);
                });
            }
            title.setText(paperNumber == null ? "New proforma" : "Paper form " + paperNumber);
            lastChange.setText(paperNumber == null ? "The number is assigned when you save."
                    : "Type the form as it was written; it is saved under its printed number.");
            form.edit(ProformaDraft.blank(LocalDate.now(clock)));
            form.setReadOnly(false);
            applyLock();
            buildTabs();
            return;
        }
        long requested = parseId(param);
        show(service.find(requested).orElseThrow(() -> new NotFoundException("There is no proforma with id "
                + requested + ". If it was deleted, its history is at /history/proforma/" + requested + ".")));
    }

    /**
     * Leaving with unsaved typing (Back to list, the menu, a link) asks first; closing or reloading the
     * tab is asked by the browser (see {@link ProformaForm#hasUnsavedTyping}).
     */
    @Override
    public void beforeLeave(BeforeLeaveEvent event) {
        if (!form.hasUnsavedTyping()) {
            return;
        }
        BeforeLeaveEvent.ContinueNavigationAction leave = event.postpone();
        ConfirmDialog ask = new ConfirmDialog("Leave without saving?",
                "Your changes to " + title.getText() + " are not saved. If you leave now, they are lost.",
                "Discard changes and leave", e -> leave.proceed());
        ask.setConfirmButtonTheme("error primary");
        ask.setCancelable(true);
        ask.setCancelText("Keep editing");
        ask.open();
    }

    private static long parseId(String param) {
        if (!param.matches("\\d{1,18}")) {
            throw new NotFoundException("\"" + param + "\" is not a proforma id.");
        }
        return Long.parseLong(param);
    }

    void show(ProformaSnapshot snapshot) {
        boolean sameRecord = id != null && id == snapshot.id() && tabs.getTabCount() > 0;
        id = snapshot.id();
        paperNumber = null;
        readVersion = snapshot.version();
        loaded = snapshot.content();
        title.setText(snapshot.number());
        lastChange.setText("Last changed by " + snapshot.updatedBy() + " at " + WHEN.format(snapshot.updatedAt()));
        form.edit(ProformaDraft.of(snapshot));
        form.setReadOnly(!mayEdit);
        applyLock();
        if (!sameRecord) {
            buildTabs();
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        lockWatch = MainLayout.onWriteGateChange(event.getUI(), this::applyLock);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        lockWatch.remove();
        super.onDetach(event);
    }

    /** Writes are refused while editing is locked; the button says so before anyone types. */
    private void applyLock() {
        Optional<WriteBlock> block = writeGate.blocked();
        form.save.setEnabled(block.isEmpty());
        form.save.setTooltipText(block.map(WriteBlock::message).orElse("Ctrl+S"));
    }

    private void save() {
        if (!form.validate()) {
            notify("Please correct the fields marked in red.", NotificationVariant.LUMO_ERROR);
            return;
        }
        ProformaContent typed;
        try {
            typed = form.draft().toContent();
        } catch (IllegalArgumentException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
            return;
        }
        if (id != null && typed.equals(loaded)) {
            notify("Nothing changed, so nothing was saved.", NotificationVariant.LUMO_CONTRAST);
            return;
        }
        try {
            ProformaSnapshot saved = id != null ? service.update(id, readVersion, typed)
                    : paperNumber != null ? service.enterFromPaper(paperNumber, typed)
                    : service.create(typed);
            boolean created = id == null;
            show(saved);
            notify(saved.number() + " saved.", NotificationVariant.LUMO_SUCCESS);
            if (created) {
                UI.getCurrent().navigate(ProformaEditorView.class, routeTo(saved.id()));
            }
        } catch (EditConflictException e) {
            ProformaSnapshot theirs = e.theirs().or(() -> service.find(id)).orElse(null);
            if (theirs == null) {
                notify("This proforma was deleted while you were editing it. Your changes were not saved.",
                        NotificationVariant.LUMO_ERROR);
                return;
            }
            new ConflictDialog(form.draft(), theirs, () -> keepMine(theirs), () -> show(theirs)).open();
        } catch (EditNeedsApprovalException e) {
            askForApproval(typed, e);
        } catch (EditingLockedException e) {
            applyLock();
            notify(e.getMessage() + " Your changes were not saved.", NotificationVariant.LUMO_ERROR);
        } catch (NotFoundException e) {
            notify(e.getMessage() + " Your changes were not saved.", NotificationVariant.LUMO_ERROR);
        } catch (IllegalArgumentException e) {
            notify(e.getMessage(), NotificationVariant.LUMO_ERROR);
        } catch (DataIntegrityViolationException e) {
            notify("The database refused the change: " + rootMessage(e), NotificationVariant.LUMO_ERROR);
        } catch (RuntimeException e) {
            // the guard's own refusals (a tripped loop breaker, say) speak to the person; anything else is a fault
            String refusal = guardRefusal(e).orElseThrow(() -> e);
            notify(refusal + " Your changes were not saved.", NotificationVariant.LUMO_ERROR);
        }
    }

    private static Optional<String> guardRefusal(Throwable e) {
        String message = rootMessage(e);
        int start = message == null ? -1 : message.indexOf("Countersign breaker:");
        if (start < 0) {
            return Optional.empty();
        }
        int end = message.indexOf('\n', start);
        return Optional.of(end < 0 ? message.substring(start) : message.substring(start, end));
    }

    /** A risky edit: its author says why and submits it as a change set, or keeps editing. */
    private void askForApproval(ProformaContent typed, EditNeedsApprovalException risky) {
        int version = readVersion;
        long proformaId = id;
        ApprovalReasonDialog dialog = new ApprovalReasonDialog(title.getText(), risky.risks(), reason -> {
            try {
                long changeSet = service.submitForApproval(proformaId, version, typed, reason);
                form.typingHandled();
                notify("Submitted for approval as change set " + changeSet
                        + ". Nothing is saved until a reviewer approves; follow it in My requests.",
                        NotificationVariant.LUMO_SUCCESS);
                return true;
            } catch (EditConflictException e) {
                notify("Someone saved this proforma in the meantime; nothing was submitted. Save again to see"
                        + " their changes.", NotificationVariant.LUMO_ERROR);
                return true;
            } catch (EditingLockedException | NotFoundException | IllegalArgumentException e) {
                notify(e.getMessage() + " Nothing was submitted.", NotificationVariant.LUMO_ERROR);
                return true;
            }
        });
        dialog.open();
    }

    /** The person keeps their typed values and decides to save them on top of the newer version. */
    private void keepMine(ProformaSnapshot theirs) {
        readVersion = theirs.version();
        loaded = theirs.content();
        lastChange.setText("Last changed by " + theirs.updatedBy() + " at " + WHEN.format(theirs.updatedAt())
                + ". Your changes are still in the form; saving now puts them on top of that version.");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification n = Notification.show(text, 6000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(variant);
    }
}
