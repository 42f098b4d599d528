package org.civicflow.cases;

import org.springframework.jdbc.core.RowMapper;

/** Reads a {@code cf_case} row, for features that query cases in their own ways (lists, filters, metrics). */
public final class CaseRows {

    /** Maps a row selected with all columns of {@code cf_case} ({@code SELECT c.*} or {@code SELECT *}). */
    public static final RowMapper<CaseRecord> CASE_RECORD = CaseRepository.CASE_ROW;

    private CaseRows() {
    }
}
