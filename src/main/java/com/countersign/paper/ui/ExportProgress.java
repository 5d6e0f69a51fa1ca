package com.countersign.paper.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.io.OutputStream;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A download written while the browser receives it, with a bar showing how many forms are done.
 * The download runs in its own request and reports through {@code UI.access}; clicking the link
 * makes the page poll quickly until the download ends, so the bar moves without server push.
 */
class ExportProgress extends VerticalLayout {

    static final int STEP = 100;
    static final int FAST_POLL_MILLIS = 500;

    interface Job {
        int write(OutputStream out, IntConsumer formsDone);
    }

    final ProgressBar bar = new ProgressBar();
    final Span status = new Span();
    private int pollBefore = -1;

    ExportProgress() {
        setPadding(false);
        setSpacing(false);
        bar.setWidth("24em");
        add(bar, status);
        setVisible(false);
    }

    /** A link to the download that also starts the quick polling. */
    Anchor link(DownloadHandler handler, String text) {
        Anchor anchor = new Anchor(handler, text);
        anchor.getElement().setAttribute("download", true);
        anchor.getElement().addEventListener("click", e -> getUI().ifPresent(this::starting));
        return anchor;
    }

    DownloadHandler download(Supplier<String> fileName, String contentType, IntSupplier expected, Job job) {
        return event -> {
            UI ui = event.getUI();
            int total = Math.max(expected.getAsInt(), 0);
            event.setFileName(fileName.get());
            event.setContentType(contentType);
            ui.access(() -> begin(ui, total));
            try {
                int done = job.write(event.getOutputStream(), n -> {
                    if (n % STEP == 0) {
                        ui.access(() -> show(n, total));
                    }
                });
                ui.access(() -> end(ui, done + " forms written.", done));
            } catch (RuntimeException e) {
                ui.access(() -> end(ui, "Stopped: " + e.getMessage(), 0));
                throw e;
            }
        };
    }

    void starting(UI ui) {
        if (ui.getPollInterval() != FAST_POLL_MILLIS) {
            pollBefore = ui.getPollInterval();
            ui.setPollInterval(FAST_POLL_MILLIS);
        }
        setVisible(true);
        bar.setIndeterminate(true);
        status.setText("Starting…");
    }

    private void begin(UI ui, int total) {
        if (ui.getPollInterval() != FAST_POLL_MILLIS) {
            pollBefore = ui.getPollInterval();
        }
        setVisible(true);
        bar.setIndeterminate(false);
        bar.setMin(0);
        bar.setMax(Math.max(total, 1));
        show(0, total);
    }

    private void show(int done, int total) {
        bar.setValue(Math.min(done, bar.getMax()));
        status.setText(done + " of " + total + " forms");
    }

    private void end(UI ui, String text, int done) {
        ui.setPollInterval(pollBefore);
        bar.setIndeterminate(false);
        bar.setValue(Math.min(Math.max(done, bar.getMin()), bar.getMax()));
        status.setText(text);
    }
}
