package com.countersign.paper;

import com.countersign.base.Money;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaLine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The same selections as CSV, one row per line (a proforma without lines gets one row), so a
 * spreadsheet can sum and filter. UTF-8 with a byte-order mark, which spreadsheet programs need
 * to read it as UTF-8; cells that a spreadsheet would run as a formula are quoted as text.
 */
class CsvFormWriter implements AutoCloseable {

    static final List<String> HEADER = List.of("number", "as_of", "status", "issue_date", "valid_until", "currency",
            "customer_name", "customer_address", "customer_vat_id", "notes", "line", "description", "quantity",
            "unit_price", "tax_rate", "line_net", "proforma_net", "proforma_tax", "proforma_gross");

    private final Writer out;
    private int forms;

    CsvFormWriter(OutputStream stream) {
        out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        write("\uFEFF");
        row(HEADER);
    }

    void add(PaperForm form) {
        ProformaContent c = form.content();
        List<String> head = List.of(form.number(), form.asOf() == null ? "" : form.asOf().toString(),
                c.status().name(), c.issueDate().toString(), c.validUntil().toString(),
                c.currency().getCurrencyCode(), c.customerName(), c.customerAddress(), orEmpty(c.customerVatId()),
                orEmpty(c.notes()));
        List<String> totals = List.of(form.totals().net().amount().toPlainString(),
                form.totals().tax().amount().toPlainString(), form.totals().gross().amount().toPlainString());
        if (c.lines().isEmpty()) {
            row(concat(head, List.of("", "", "", "", "", ""), totals));
        }
        int position = 1;
        for (ProformaLine line : c.lines()) {
            String net = new Money(line.quantity().multiply(line.unitPrice()), c.currency()).amount().toPlainString();
            row(concat(head, List.of(String.valueOf(position++), line.description(),
                    line.quantity().toPlainString(), line.unitPrice().toPlainString(),
                    line.taxRate().toPlainString(), net), totals));
        }
        forms++;
    }

    int forms() {
        return forms;
    }

    @Override
    public void close() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void row(List<String> cells) {
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        write(line.append("\r\n").toString());
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isNumber(value)
                ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static boolean isNumber(String value) {
        return value.matches("-?[0-9]+(\\.[0-9]+)?");
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
