package com.countersign.paper.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.lock.SignedInUi;
import com.countersign.paper.PaperSelection;
import com.countersign.paper.PaperService;
import com.countersign.proforma.ProformaFilter;
import com.countersign.proforma.ProformaService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import com.github.mvysny.fakeservlet.FakeResponse;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServletResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.DownloadEvent;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The download handler streams the pack into the response and reports progress to the page. */
@CountersignTest
class ExportProgressTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    PaperService paper;

    @Autowired
    ProformaService proformas;

    @AfterEach
    void stop() {
        SignedInUi.stop();
    }

    @Test
    void a_pack_streams_into_the_response_and_the_bar_ends_full() throws IOException {
        Users.actAs("staff", "STAFF");
        String prefix = Fixtures.uniqueCustomer("Progress");
        for (int i = 0; i < 3; i++) {
            proformas.create(Fixtures.content(prefix + " " + i));
        }
        SignedInUi.start(context, "manager", "MANAGER");
        ExportProgress progress = new ExportProgress();
        UI.getCurrent().add(progress);
        var selection = PaperSelection.matching(new ProformaFilter(null, prefix, Set.of(), null, null));
        var handler = progress.download(() -> "pack.pdf", "application/pdf", () -> paper.count(selection),
                (out, done) -> paper.printPdf(selection, out, done));

        progress.starting(UI.getCurrent());
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(ExportProgress.FAST_POLL_MILLIS);
        handler.handleDownloadRequest(new DownloadEvent(VaadinRequest.getCurrent(), VaadinResponse.getCurrent(),
                VaadinSession.getCurrent(), progress.getElement()));
        MockVaadin.clientRoundtrip();

        byte[] pdf = ((FakeResponse) ((VaadinServletResponse) VaadinResponse.getCurrent()).getResponse())
                .getBuffer().toByteArray();
        assertThat(com.countersign.paper.PdfText.of(pdf)).contains(prefix + " 0", prefix + " 2");
        assertThat(progress.status.getText()).isEqualTo("3 forms written.");
        assertThat(progress.bar.getValue()).isEqualTo(progress.bar.getMax());
        assertThat(UI.getCurrent().getPollInterval()).isNotEqualTo(ExportProgress.FAST_POLL_MILLIS);
    }
}
