package com.countersign.paper;

import java.time.Instant;
import java.util.List;

/** Numbers reserved together for one stack of blank forms. */
public record BlankBatch(long id, int count, String reservedBy, Instant reservedAt, String note, String firstNumber,
        String lastNumber, int entered) {

    static BlankBatch of(long id, List<String> numbers, String by, Instant at, String note) {
        return new BlankBatch(id, numbers.size(), by, at, note, numbers.get(0), numbers.get(numbers.size() - 1), 0);
    }
}
