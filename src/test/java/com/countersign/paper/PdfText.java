package com.countersign.paper;

/** The text of a PDF, for tests outside this package. */
public final class PdfText {

    private PdfText() {}

    public static String of(byte[] pdf) {
        return Pdfs.text(pdf);
    }
}
