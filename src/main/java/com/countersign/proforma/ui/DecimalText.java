package com.countersign.proforma.ui;

import com.vaadin.flow.data.binder.Result;
import com.vaadin.flow.data.binder.ValueContext;
import com.vaadin.flow.data.converter.Converter;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A number as people type it into a line: digits with one decimal point or comma ("12.50",
 * "12,50"), spaces ignored. Anything else ("12abc", "1.2.3") is refused with a message at the field
 * instead of being quietly cut to what the browser would keep; an empty field is no value, which
 * the field's own rule then names ("Enter a price").
 */
final class DecimalText implements Converter<String, BigDecimal> {

    private static final Pattern NUMBER = Pattern.compile("-?(\\d+([.,]\\d*)?|[.,]\\d+)");

    @Override
    public Result<BigDecimal> convertToModel(String text, ValueContext context) {
        String typed = text == null ? "" : text.replaceAll("[\\s\\u00A0\\u202F]", "");
        if (typed.isEmpty()) {
            return Result.ok(null);
        }
        if (!NUMBER.matcher(typed).matches()) {
            return Result.error("“" + text.strip() + "” is not a number: use digits and one decimal point, e.g. 12.50");
        }
        String plain = typed.replace(',', '.');
        if (plain.endsWith(".")) {
            plain = plain.substring(0, plain.length() - 1);
        }
        return Result.ok(new BigDecimal(plain.startsWith(".") || plain.startsWith("-.")
                ? plain.replace(".", "0.") : plain));
    }

    @Override
    public String convertToPresentation(BigDecimal value, ValueContext context) {
        return value == null ? "" : value.toPlainString();
    }
}
