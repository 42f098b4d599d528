package org.civicflow.citizenrequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseStatus;
import org.junit.jupiter.api.Test;

class CaseSummaryTests {

    @Test
    void showsWhatWasSubmittedAndHowTheCaseWasRouted() {
        String summary = CaseSummary.of(submitted("路灯坏了 The lamp is out", new CaseRecord.Reporter("张三", "13800000000", null)),
                "handler office by rules; straight to the subdistrict");

        assertThat(summary).isEqualTo("""
                **诉求内容 Description:** 路灯坏了 The lamp is out

                **反映人 Reporter:** 张三 13800000000

                **受理时间 Received:** 2026-03-02 09:15 · **渠道 Channel:** hotline

                **分派说明 Routing notes:** handler office by rules; straight to the subdistrict""");
    }

    @Test
    void theCitizensWordsShowAsWrittenWhateverMarkdownTheyLookLike() {
        assertThat(CaseSummary.text("# Loud! *every* night [here](http://x.example) <b>1.</b>"))
                .isEqualTo("\\# Loud\\! \\*every\\* night \\[here\\]\\(http://x\\.example\\) \\<b\\>1\\.\\</b\\>");
        assertThat(CaseSummary.text("first line\n\nsecond line")).as("a line break, not a new block")
                .isEqualTo("first line  \nsecond line");
    }

    @Test
    void whatWasNotGivenIsADash() {
        String summary = CaseSummary.of(submitted("x", new CaseRecord.Reporter(null, " ", null)), null);

        assertThat(summary).contains("**反映人 Reporter:** —").contains("**分派说明 Routing notes:** —");
    }

    @Test
    void theTimeOfReceiptIsBeijingTimeWhateverOffsetTheDatabaseGaveBack() {
        CaseRecord utc = new CaseRecord("CQ-2026-000001", "streetlight", null, CaseStatus.SUBMITTED, "x", "web", null,
                null, null, null, null, null, null, null, new CaseRecord.Reporter(null, null, null), null, null, null,
                OffsetDateTime.of(2026, 3, 2, 1, 15, 0, 0, ZoneOffset.UTC), null, null);

        assertThat(CaseSummary.of(utc, "n")).contains("**受理时间 Received:** 2026-03-02 09:15 · **渠道 Channel:** web");
    }

    private static CaseRecord submitted(String description, CaseRecord.Reporter reporter) {
        return new CaseRecord("CQ-2026-000001", "streetlight", null, CaseStatus.SUBMITTED, description, "hotline", null,
                null, null, null, null, null, null, null, reporter, null, null, null,
                OffsetDateTime.of(2026, 3, 2, 9, 15, 0, 0, ZoneOffset.ofHours(8)), null, null);
    }
}
