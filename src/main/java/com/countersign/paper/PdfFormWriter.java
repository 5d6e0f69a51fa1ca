package com.countersign.paper;

import com.countersign.base.Money;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaLine;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Writes A4 proforma forms into one PDF, page by page, straight to the output stream: OpenPDF
 * flushes each finished page, so a pack of 10,000 forms never sits in memory. Text is drawn at
 * fixed positions rather than laid out by tables, which is what keeps a form well under a
 * millisecond.
 */
class PdfFormWriter implements AutoCloseable {

    private static final float LEFT = 50;
    private static final float RIGHT = 545;
    private static final float TOP = 800;
    private static final float BOTTOM = 60;
    private static final float[] COLUMNS = {LEFT, 70, 330, 390, 455, 490}; // #, description, qty, price, tax, net
    private static final float DESCRIPTION_WIDTH = 255;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final BaseFont REGULAR = PdfCanvas.REGULAR;
    private static final BaseFont BOLD = PdfCanvas.BOLD;

    private final Document document = new Document(PageSize.A4);
    private final PdfWriter writer;
    private final CompanyHeader company;
    private final String printedAt;
    private int forms;
    private float y;
    private PdfCanvas page;

    PdfFormWriter(OutputStream out, CompanyHeader company, Instant printedAt) {
        this.company = company;
        this.printedAt = STAMP.format(printedAt);
        try {
            writer = PdfWriter.getInstance(document, out);
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        }
        writer.setCompressionLevel(Deflater.BEST_SPEED);
        writer.setCloseStream(false);
        document.addTitle("Proforma forms");
        document.addCreator("Countersign");
        document.open();
    }

    int forms() {
        return forms;
    }

    void add(PaperForm form) {
        ProformaContent c = form.content();
        startPage(form.number(), form.asOf() == null ? null
                : "AS OF " + STAMP.format(form.asOf()) + " (from history, not necessarily the current state)");
        page.text(BOLD, 9, LEFT, y, "Issue date");
        page.text(REGULAR, 9, LEFT + 70, y, c.issueDate().toString());
        page.text(BOLD, 9, 300, y, "Status");
        page.text(REGULAR, 9, 350, y, c.status().name());
        y -= 13;
        page.text(BOLD, 9, LEFT, y, "Valid until");
        page.text(REGULAR, 9, LEFT + 70, y, c.validUntil().toString());
        page.text(BOLD, 9, 300, y, "Currency");
        page.text(REGULAR, 9, 350, y, c.currency().getCurrencyCode());
        y -= 24;
        page.text(BOLD, 10, LEFT, y, "Customer");
        y -= 14;
        for (String part : PdfCanvas.wrap(c.customerName(), BOLD, 11, RIGHT - LEFT)) {
            page.text(BOLD, 11, LEFT, y, part);
            y -= 13;
        }
        for (String part : PdfCanvas.wrap(c.customerAddress(), REGULAR, 10, RIGHT - LEFT)) {
            page.text(REGULAR, 10, LEFT, y, part);
            y -= 12;
        }
        if (c.customerVatId() != null) {
            page.text(REGULAR, 10, LEFT, y, "VAT id " + c.customerVatId());
            y -= 12;
        }
        y -= 14;
        lineHeader();
        int position = 1;
        for (ProformaLine line : c.lines()) {
            List<String> description = PdfCanvas.wrap(line.description(), REGULAR, 9, DESCRIPTION_WIDTH);
            ensureRoom(12f * description.size() + 4, form.number());
            page.text(REGULAR, 9, COLUMNS[0], y, String.valueOf(position++));
            page.right(REGULAR, 9, COLUMNS[3] - 8, y, plain(line.quantity()));
            page.right(REGULAR, 9, COLUMNS[4] - 8, y, price(line.unitPrice(), Money.scaleOf(c.currency())));
            page.right(REGULAR, 9, COLUMNS[5] - 8, y, plain(line.taxRate()) + " %");
            page.right(REGULAR, 9, RIGHT, y,
                    new Money(line.quantity().multiply(line.unitPrice()), c.currency()).amount().toPlainString());
            for (String part : description) {
                page.text(REGULAR, 9, COLUMNS[1], y, part);
                y -= 12;
            }
            y -= 2;
        }
        rule(y + 6);
        ensureRoom(30 + 13f * form.totals().taxByRate().size(), form.number());
        y -= 8;
        total("Net", form.totals().net(), REGULAR);
        for (Map.Entry<BigDecimal, Money> tax : form.totals().taxByRate().entrySet()) {
            total("Tax " + tax.getKey().toPlainString() + " %", tax.getValue(), REGULAR);
        }
        total("Total", form.totals().gross(), BOLD);
        if (c.notes() != null) {
            y -= 10;
            ensureRoom(24, form.number());
            page.text(BOLD, 9, LEFT, y, "Notes");
            y -= 12;
            for (String part : PdfCanvas.wrap(c.notes(), REGULAR, 9, RIGHT - LEFT)) {
                ensureRoom(12, form.number());
                page.text(REGULAR, 9, LEFT, y, part);
                y -= 12;
            }
        }
        signature();
        forms++;
    }

    /** A form to fill in by hand, already carrying the number it will be entered under. */
    void addBlank(String number) {
        startPage(number, "PAPER FORM: enter it in Countersign under this number once editing is open again");
        for (String field : List.of("Issue date", "Valid until", "Currency", "Status")) {
            page.text(BOLD, 9, LEFT, y, field);
            page.rule(LEFT + 70, 250, y - 2);
            y -= 18;
        }
        y -= 6;
        for (String field : List.of("Customer", "Address", "", "VAT id")) {
            page.text(BOLD, 9, LEFT, y, field);
            page.rule(LEFT + 70, RIGHT, y - 2);
            y -= 18;
        }
        y -= 8;
        lineHeader();
        for (int row = 1; row <= 14; row++) {
            page.text(REGULAR, 9, COLUMNS[0], y, String.valueOf(row));
            page.rule(COLUMNS[1], RIGHT, y - 3);
            y -= 18;
        }
        y -= 6;
        for (String field : List.of("Net", "Tax (per rate)", "", "Total")) {
            page.text(BOLD, 9, 330, y, field);
            page.rule(420, RIGHT, y - 2);
            y -= 18;
        }
        page.text(BOLD, 9, LEFT, y, "Notes");
        page.rule(LEFT + 70, RIGHT, y - 2);
        y -= 18;
        page.rule(LEFT + 70, RIGHT, y - 2);
        signature();
        forms++;
    }

    /** An empty selection still gives a readable PDF instead of an error. */
    void addNotice(String message) {
        startPage("", null);
        page.text(REGULAR, 11, LEFT, y, message);
    }

    @Override
    public void close() {
        if (forms == 0 && page == null) {
            addNotice("No proformas to print.");
        }
        document.close();
    }

    private void startPage(String number, String banner) {
        document.newPage();
        page = new PdfCanvas(writer.getDirectContent());
        y = TOP;
        page.text(BOLD, 15, LEFT, y, company.name());
        page.text(BOLD, 13, RIGHT - 150, y, "PROFORMA INVOICE");
        y -= 14;
        page.text(REGULAR, 8, LEFT, y, company.address());
        page.right(BOLD, 12, RIGHT, y - 2, number);
        y -= 10;
        page.text(REGULAR, 8, LEFT, y, "VAT id " + company.vatId() + (company.contact().isBlank() ? "" : " · " + company.contact()));
        y -= 8;
        rule(y);
        y -= 16;
        if (banner != null) {
            page.text(BOLD, 9, LEFT, y, banner);
            y -= 16;
        }
        page.text(REGULAR, 7, LEFT, 30, "Printed " + printedAt + " by Countersign" + (number.isEmpty() ? "" : " · " + number));
    }

    private void ensureRoom(float needed, String number) {
        if (y - needed < BOTTOM + 70) {
            page.text(REGULAR, 8, RIGHT - 60, BOTTOM, "continued ›");
            startPage(number, "continued");
            lineHeader();
        }
    }

    private void lineHeader() {
        page.text(BOLD, 9, COLUMNS[0], y, "#");
        page.text(BOLD, 9, COLUMNS[1], y, "Description");
        page.right(BOLD, 9, COLUMNS[3] - 8, y, "Quantity");
        page.right(BOLD, 9, COLUMNS[4] - 8, y, "Unit price");
        page.right(BOLD, 9, COLUMNS[5] - 8, y, "Tax");
        page.right(BOLD, 9, RIGHT, y, "Net");
        rule(y - 4);
        y -= 16;
    }

    private void total(String label, Money amount, BaseFont font) {
        page.right(font, 10, 440, y, label);
        page.right(font, 10, RIGHT, y, amount.amount().toPlainString() + " " + amount.currency().getCurrencyCode());
        y -= 13;
    }

    private void signature() {
        float base = BOTTOM + 10;
        page.rule(LEFT, 250, base);
        page.rule(300, RIGHT, base);
        page.text(REGULAR, 8, LEFT, base - 10, "Place, date");
        page.text(REGULAR, 8, 300, base - 10, "Signature and stamp");
    }

    private void rule(float atY) {
        page.rule(LEFT, RIGHT, atY);
    }

    /** A unit price shows at least the currency's decimals (120.50, not 120.5) and any finer ones it has. */
    private static String price(BigDecimal value, int currencyScale) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.setScale(Math.max(stripped.scale(), currencyScale)).toPlainString();
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

}
