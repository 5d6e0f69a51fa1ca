package com.countersign.proforma;

import java.util.Map;

/**
 * A filter as SQL over proformas aliased {@code p}: {@code where} is empty or starts with " where ".
 * Lets other features select "all matching" proformas inside the database instead of loading ids.
 */
public record SqlCondition(String where, Map<String, Object> params) {

    public SqlCondition {
        params = Map.copyOf(params);
    }
}
