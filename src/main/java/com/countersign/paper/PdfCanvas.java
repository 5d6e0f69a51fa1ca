package com.countersign.paper;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Drawing on one PDF page at fixed positions: text left or right aligned, rules, wrapped lines. */
final class PdfCanvas {

    static final BaseFont REGULAR = font("/fonts/DejaVuSans.ttf");
    static final BaseFont BOLD = font("/fonts/DejaVuSans-Bold.ttf");

    private final PdfContentByte page;

    PdfCanvas(PdfContentByte page) {
        this.page = page;
    }

    void text(BaseFont font, float size, float x, float atY, String value) {
        page.beginText();
        page.setFontAndSize(font, size);
        page.setTextMatrix(x, atY);
        page.showText(value);
        page.endText();
    }

    void right(BaseFont font, float size, float x, float atY, String value) {
        text(font, size, x - font.getWidthPoint(value, size), atY, value);
    }

    void rule(float from, float to, float atY) {
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
