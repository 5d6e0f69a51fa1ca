package com.countersign.proforma;

/**
 * A proforma written on a paper form was entered under the number printed on it. Published inside
 * the entering transaction: a listener that refuses the number (not reserved, entered already)
 * rolls the entry back.
 */
public record PaperFormEntered(String number, long proformaId, String enteredBy) {}
