package org.civicflow.api;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.civicflow.audit.AuditActions;
import org.civicflow.audit.AuditEntry;
import org.civicflow.audit.AuditEvent;
import org.civicflow.audit.AuditTrail;
import org.civicflow.audit.ChainVerification;
import org.civicflow.cases.CaseService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * The audit trail for supervisors (access: {@code org.civicflow.security.AuditApiSecurity}): verify the whole chain,
 * export a case's entries with their hashes and the chain head so that anyone can check them with SHA-256 alone
 * (docs/audit.md). Every export is itself recorded in the trail.
 */
@RestController
class AuditController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
    static final String ALGORITHM = "hash = hex(SHA-256(UTF-8(prevHash) || UTF-8(canonical))); prevHash of seq 1 = 64 zeros;"
            + " canonical = the entry's fields as canonical JSON (docs/audit.md)";

    private final AuditTrail trail;
    private final CaseService cases;
    private final ObjectMapper json;
    private final Clock clock;

    AuditController(AuditTrail trail, CaseService cases, ObjectMapper json, Clock clock) {
        this.trail = trail;
        this.cases = cases;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/api/v1/audit/verify")
    ChainVerification verify() {
        return trail.verify();
    }

    @GetMapping(value = "/api/v1/cases/{businessKey}/audit")
    ResponseEntity<?> export(@PathVariable String businessKey, @RequestParam(required = false) String format,
                             @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                             Principal principal) {
        AuditTrail.CaseTrail caseTrail = trail.ofCase(businessKey);
        if (caseTrail.entries().isEmpty() && cases.find(businessKey).isEmpty()) {
            throw new CaseNotFoundException(businessKey);
        }
        boolean csv = "csv".equalsIgnoreCase(format)
                || (format == null && accept != null && accept.contains("text/csv"));
        Instant exportedAt = clock.instant();
        String by = principal == null ? null : principal.getName();
        trail.record(new AuditEvent(AuditActions.AUDIT_EXPORTED, by, null, businessKey, null, Map.of(
                "format", csv ? "csv" : "json", "entries", caseTrail.entries().size(), "headSeq", caseTrail.headSeq(),
                "headHash", caseTrail.headHash())));
        List<ExportedEntry> entries = caseTrail.entries().stream().map(this::exported).toList();
        if (csv) {
            return ResponseEntity.ok()
                    .contentType(TEXT_CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + businessKey + "-audit.csv\"")
                    .header("X-Audit-Chain-Head-Seq", String.valueOf(caseTrail.headSeq()))
                    .header("X-Audit-Chain-Head", caseTrail.headHash())
                    .body(csv(caseTrail));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new Export(businessKey,
                exportedAt.toString(), by, ALGORITHM, new Head(caseTrail.headSeq(), caseTrail.headHash()), entries));
    }

    private ExportedEntry exported(AuditEntry e) {
        try {
            return new ExportedEntry(e.seq(), e.timestampText(), e.actor(), e.office(), e.businessKey(),
                    e.processInstanceId(), e.action(), json.readTree(e.details()), e.prevHash(), e.hash(), e.canonical());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Details as the stored canonical text, so the columns are exactly what was hashed. */
    private static String csv(AuditTrail.CaseTrail caseTrail) {
        CsvSchema schema = CsvSchema.builder()
                .addColumn("seq").addColumn("timestamp").addColumn("actor").addColumn("office").addColumn("business_key")
                .addColumn("process_instance_id").addColumn("action").addColumn("details").addColumn("prev_hash")
                .addColumn("hash").addColumn("canonical").addColumn("chain_head_seq").addColumn("chain_head_hash")
                .setUseHeader(true).build();
        StringWriter out = new StringWriter();
        try (var writer = new CsvMapper().writer(schema).writeValues(out)) {
            for (AuditEntry e : caseTrail.entries()) {
                writer.write(new Object[] {e.seq(), e.timestampText(), e.actor(), orEmpty(e.office()),
                        orEmpty(e.businessKey()), orEmpty(e.processInstanceId()), e.action(), e.details(), e.prevHash(),
                        e.hash(), e.canonical(),
                        caseTrail.headSeq(), caseTrail.headHash()});
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    /** CSV has no null: an absent value is an empty cell (and {@code null} in the canonical text). */
    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** A case's trail as exported: entries in chain order and the head of the whole chain when they were read. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Export(String businessKey, String exportedAt, String exportedBy, String algorithm, Head chainHead,
                  List<ExportedEntry> entries) {
    }

    record Head(long seq, String hash) {
    }

    /** One entry; {@code canonical} is exactly the text hashed after {@code prevHash}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ExportedEntry(long seq, String timestamp, String actor, String office, String businessKey,
                         String processInstanceId, String action, JsonNode details, String prevHash, String hash,
                         String canonical) {
    }
}
