package com.countersign.paper;

import com.countersign.base.Money;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaLine;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
    private static final BaseFont REGULAR = font("/fonts/DejaVuSans.ttf");
    private static final BaseFont BOLD = font("/fonts/DejaVuSans-Bold.ttf");

    private final Document document = new Document(PageSize.A4);
    private final PdfWriter writer;
    private final CompanyHeader company;
    private final String printedAt;
    private int forms;
    private float y;
    private PdfContentByte page;

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
        text(BOLD, 9, LEFT, y, "Issue date");
        text(REGULAR, 9, LEFT + 70, y, c.issueDate().toString());
        text(BOLD, 9, 300, y, "Status");
        text(REGULAR, 9, 350, y, c.status().name());
        y -= 13;
        text(BOLD, 9, LEFT, y, "Valid until");
        text(REGULAR, 9, LEFT + 70, y, c.validUntil().toString());
        text(BOLD, 9, 300, y, "Currency");
        text(REGULAR, 9, 350, y, c.currency().getCurrencyCode());
        y -= 24;
        text(BOLD, 10, LEFT, y, "Customer");
        y -= 14;
        text(BOLD, 11, LEFT, y, c.customerName());
        y -= 13;
        for (String addressLine : c.customerAddress().split("\\R")) {
            text(REGULAR, 10, LEFT, y, addressLine);
            y -= 12;
        }
        if (c.customerVatId() != null) {
            text(REGULAR, 10, LEFT, y, "VAT id " + c.customerVatId());
            y -= 12;
        }
        y -= 14;
        lineHeader();
        int position = 1;
        for (ProformaLine line : c.lines()) {
            List<String> description = wrap(line.description(), REGULAR, 9, DESCRIPTION_WIDTH);
            ensureRoom(12f * description.size() + 4, form.number());
            text(REGULAR, 9, COLUMNS[0], y, String.valueOf(position++));
            right(REGULAR, 9, COLUMNS[3] - 8, y, plain(line.quantity()));
            right(REGULAR, 9, COLUMNS[4] - 8, y, plain(line.unitPrice()));
            right(REGULAR, 9, COLUMNS[5] - 8, y, plain(line.taxRate()) + " %");
            right(REGULAR, 9, RIGHT, y,
                    new Money(line.quantity().multiply(line.unitPrice()), c.currency()).amount().toPlainString());
            for (String part : description) {
                text(REGULAR, 9, COLUMNS[1], y, part);
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
            text(BOLD, 9, LEFT, y, "Notes");
            y -= 12;
            for (String part : wrap(c.notes(), REGULAR, 9, RIGHT - LEFT)) {
                ensureRoom(12, form.number());
                text(REGULAR, 9, LEFT, y, part);
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
            text(BOLD, 9, LEFT, y, field);
            rule(LEFT + 70, 250, y - 2);
            y -= 18;
        }
        y -= 6;
        for (String field : List.of("Customer", "Address", "", "VAT id")) {
            text(BOLD, 9, LEFT, y, field);
            rule(LEFT + 70, RIGHT, y - 2);
            y -= 18;
        }
        y -= 8;
        lineHeader();
        for (int row = 1; row <= 14; row++) {
            text(REGULAR, 9, COLUMNS[0], y, String.valueOf(row));
            rule(COLUMNS[1], RIGHT, y - 3);
            y -= 18;
        }
        y -= 6;
        for (String field : List.of("Net", "Tax (per rate)", "", "Total")) {
            text(BOLD, 9, 330, y, field);
            rule(420, RIGHT, y - 2);
            y -= 18;
        }
        text(BOLD, 9, LEFT, y, "Notes");
        rule(LEFT + 70, RIGHT, y - 2);
        y -= 18;
        rule(LEFT + 70, RIGHT, y - 2);
        signature();
        forms++;
    }

    /** An empty selection still gives a readable PDF instead of an error. */
    void addNotice(String message) {
        startPage("", null);
        text(REGULAR, 11, LEFT, y, message);
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
        page = writer.getDirectContent();
        y = TOP;
        text(BOLD, 15, LEFT, y, company.name());
        text(BOLD, 13, RIGHT - 150, y, "PROFORMA INVOICE");
        y -= 14;
        text(REGULAR, 8, LEFT, y, company.address());
        right(BOLD, 12, RIGHT, y - 2, number);
        y -= 10;
        text(REGULAR, 8, LEFT, y, "VAT id " + company.vatId() + (company.contact().isBlank() ? "" : " · " + company.contact()));
        y -= 8;
        rule(y);
        y -= 16;
        if (banner != null) {
            text(BOLD, 9, LEFT, y, banner);
            y -= 16;
        }
        text(REGULAR, 7, LEFT, 30, "Printed " + printedAt + " by Countersign" + (number.isEmpty() ? "" : " · " + number));
    }

    private void ensureRoom(float needed, String number) {
        if (y - needed < BOTTOM + 70) {
            text(REGULAR, 8, RIGHT - 60, BOTTOM, "continued ›");
            startPage(number, "continued");
            lineHeader();
        }
    }

    private void lineHeader() {
        text(BOLD, 9, COLUMNS[0], y, "#");
        text(BOLD, 9, COLUMNS[1], y, "Description");
        right(BOLD, 9, COLUMNS[3] - 8, y, "Quantity");
        right(BOLD, 9, COLUMNS[4] - 8, y, "Unit price");
        right(BOLD, 9, COLUMNS[5] - 8, y, "Tax");
        right(BOLD, 9, RIGHT, y, "Net");
        rule(y - 4);
        y -= 16;
    }

    private void total(String label, Money amount, BaseFont font) {
        right(font, 10, 440, y, label);
        right(font, 10, RIGHT, y, amount.amount().toPlainString() + " " + amount.currency().getCurrencyCode());
        y -= 13;
    }

    private void signature() {
        float base = BOTTOM + 10;
        rule(LEFT, 250, base);
        rule(300, RIGHT, base);
        text(REGULAR, 8, LEFT, base - 10, "Place, date");
        text(REGULAR, 8, 300, base - 10, "Signature and stamp");
    }

    private void text(BaseFont font, float size, float x, float atY, String value) {
        page.beginText();
        page.setFontAndSize(font, size);
        page.setTextMatrix(x, atY);
        page.showText(value);
        page.endText();
    }

    private void right(BaseFont font, float size, float x, float atY, String value) {
        text(font, size, x - font.getWidthPoint(value, size), atY, value);
    }

    private void rule(float atY) {
        rule(LEFT, RIGHT, atY);
    }

    private void rule(float from, float to, float atY) {
        page.setLineWidth(0.5f);
        page.moveTo(from, atY);
        page.lineTo(to, atY);
        page.stroke();
    }

    static List<String> wrap(String text, BaseFont font, float size, float width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\\R")) {
            StringBuilder current = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (font.getWidthPoint(candidate, size) <= width || current.isEmpty()) {
                    current.setLength(0);
                    current.append(candidate);
                } else {
                    lines.add(current.toString());
                    current.setLength(0);
                    current.append(word);
                }
            }
            lines.add(current.toString());
        }
        return lines;
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /**
     * DejaVu Sans, embedded as a subset of the glyphs used: customers in Prague or Kraków keep their
     * ř and ł, which the standard PDF fonts cannot print. Loaded once; each document tracks its glyphs.
     */
    private static BaseFont font(String resource) {
        try (var in = PdfFormWriter.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Font " + resource + " is missing from the classpath");
            }
            return BaseFont.createFont(resource.substring(resource.lastIndexOf('/') + 1), BaseFont.IDENTITY_H,
                    BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        }
    }
}
