package org.civicflow.api;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.civicflow.cases.CaseEvent;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.intake.IntakeService;
import org.civicflow.intake.Submission;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Cases for external systems: submit a citizen request, read where it stands and what happened to it. */
@RestController
@RequestMapping("/api/v1/cases")
class CaseController {

    private final IntakeService intake;
    private final CaseService cases;

    CaseController(IntakeService intake, CaseService cases) {
        this.intake = intake;
        this.cases = cases;
    }

    @PostMapping
    ResponseEntity<CaseView> submit(@RequestBody Submission submission, Principal principal) {
        CaseRecord record = intake.submit(submission, principal == null ? "api" : principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/cases/" + record.businessKey()))
                .body(CaseView.of(record, cases.timeline(record.businessKey())));
    }

    @GetMapping("/{businessKey}")
    ResponseEntity<CaseView> get(@PathVariable String businessKey) {
        return cases.find(businessKey)
                .map(c -> ResponseEntity.ok(CaseView.of(c, cases.timeline(businessKey))))
                .orElseThrow(() -> new CaseNotFoundException(businessKey));
    }

    /** The case as external systems see it: the record and its timeline. */
    record CaseView(String businessKey, String category, String status, String phase, String slaClass,
                    String districtCode, String subdistrictCode, String office, String processInstanceId,
                    String createdAt, String updatedAt, String closedAt, List<CaseEvent> events) {

        static CaseView of(CaseRecord c, List<CaseEvent> events) {
            return new CaseView(c.businessKey(), c.category(), c.status().name(), c.phase().name(), c.slaClass(),
                    c.districtCode(), c.subdistrictCode(), c.officeGroup(), c.processInstanceId(),
                    String.valueOf(c.createdAt()), String.valueOf(c.updatedAt()),
                    c.closedAt() == null ? null : c.closedAt().toString(), events);
        }
    }
}
