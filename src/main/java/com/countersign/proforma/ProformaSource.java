package com.countersign.proforma;

/** Where a proforma was first written: in the portal, or on a paper form entered later. */
public enum ProformaSource {
    PORTAL,
    PAPER
}
