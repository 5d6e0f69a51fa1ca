package com.countersign.paper.ui;

import com.vaadin.flow.component.UI;
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
 * The download runs in its own request; it reports through {@code UI.access}, and the page polls
 * quickly while it runs so the bar moves without server push.
 */
class ExportProgress extends VerticalLayout {

    static final int STEP = 100;

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

    private void begin(UI ui, int total) {
        pollBefore = ui.getPollInterval();
        ui.setPollInterval(500);
        setVisible(true);
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
        bar.setValue(Math.min(Math.max(done, bar.getMin()), bar.getMax()));
        status.setText(text);
    }
}
