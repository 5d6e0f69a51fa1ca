package com.countersign.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** A PDF the browser saved: its pages and the text a person would read on them (PDFBox). */
record PdfFile(Path file, int pages, String text) {

    static PdfFile read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < 5 || !new String(bytes, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-")) {
                throw new AssertionError(file + " is not a PDF (" + bytes.length + " bytes)");
            }
            try (PDDocument document = Loader.loadPDF(bytes)) {
                return new PdfFile(file, document.getNumberOfPages(), new PDFTextStripper().getText(document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of one page (1-based). */
    String page(int number) {
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(file))) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(number);
            stripper.setEndPage(number);
            return stripper.getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
