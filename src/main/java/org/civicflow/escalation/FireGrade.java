package org.civicflow.escalation;

/**
 * Grade of a fire by the Ministry of Public Security table of 26 June 2007 (DOMAIN.md §3), declared in ascending
 * order, each with the response level it calls for.
 */
public enum FireGrade {
    GENERAL("一般火灾", ResponseLevel.IV),
    LARGER("较大火灾", ResponseLevel.III),
    MAJOR("重大火灾", ResponseLevel.II),
    ESPECIALLY_MAJOR("特别重大火灾", ResponseLevel.I);

    private final String chineseName;
    private final ResponseLevel responseLevel;

    FireGrade(String chineseName, ResponseLevel responseLevel) {
        this.chineseName = chineseName;
        this.responseLevel = responseLevel;
    }

    public String chineseName() {
        return chineseName;
    }

    public ResponseLevel responseLevel() {
        return responseLevel;
    }
}
