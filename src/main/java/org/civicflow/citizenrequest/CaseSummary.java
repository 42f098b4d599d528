package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;

/**
 * What the citizen submitted and how the case was routed, as the clerks' forms show it: one Markdown text, the
 * variable {@value Vars#CASE_SUMMARY}, written when the case is routed. The case record ({@code cf_case}) keeps each
 * field; as process variables they were seven rows with a dozen index entries each, only ever shown together. The
 * values Tasklist lists tasks by (case number, category, SLA class, district, address) stay variables of their own.
 */
final class CaseSummary {

    private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** ASCII punctuation, all of which CommonMark lets a backslash escape. */
    private static final Pattern MARKDOWN = Pattern.compile("[\\\\`*_{}\\[\\]()#+\\-.!|<>~]");
    private static final String NONE = "—";

    private CaseSummary() {
    }

    /** The summary of a case routed with these notes. */
    static String of(CaseRecord c, String routingNotes) {
        CaseRecord.Reporter reporter = c.reporter();
        return "**诉求内容 Description:** " + text(c.description())
                + "\n\n**反映人 Reporter:** " + text(join(reporter.name(), reporter.phone(), reporter.email()))
                + "\n\n**受理时间 Received:** " + c.createdAt().atZoneSameInstant(CaseService.ZONE).format(RECEIVED)
                + " · **渠道 Channel:** " + text(c.channel())
                + "\n\n**分派说明 Routing notes:** " + text(routingNotes);
    }

    /**
     * The text as written, whatever Markdown it looks like: each character Markdown could read as formatting is
     * escaped, and line breaks stay line breaks without starting a new block.
     */
    static String text(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        return MARKDOWN.matcher(value.strip()).replaceAll("\\\\$0").replaceAll("\\R+", "  \n");
    }

    private static String join(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                joined.append(joined.isEmpty() ? "" : " ").append(part.strip());
            }
        }
        return joined.toString();
    }
}
