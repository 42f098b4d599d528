package org.civicflow.api;

import java.util.List;

import org.civicflow.cases.CaseEvent;
import org.civicflow.cases.CaseRecord;
import org.civicflow.cases.CaseService;
import org.civicflow.identity.OfficeDirectory;
import org.civicflow.intake.ServiceCatalogue;
import org.civicflow.intake.ServiceCategory;
import org.springframework.stereotype.Component;

/** Builds the API's views of cases from the case record, the timeline and the deadlines. */
@Component
class CaseViews {

    private final CaseService cases;
    private final CaseDeadlines deadlines;
    private final OfficeDirectory offices;
    private final ServiceCatalogue catalogue;

    CaseViews(CaseService cases, CaseDeadlines deadlines, OfficeDirectory offices, ServiceCatalogue catalogue) {
        this.cases = cases;
        this.deadlines = deadlines;
        this.offices = offices;
        this.catalogue = catalogue;
    }

    CaseView of(CaseRecord c) {
        List<CaseEvent> events = cases.timeline(c.businessKey());
        return new CaseView(c.businessKey(), c.category(),
                catalogue.find(c.category()).map(ServiceCategory::label).orElse(null), c.description(),
                c.status().name(), c.status().label(), c.phase().name(), c.slaClass(),
                null, // response levels arrive with incident response (issue 3)
                office(c.officeGroup()), c.districtCode(), c.subdistrictCode(), CaseView.location(c), c.address(),
                c.divisionCode(), c.channel(), c.externalId(), c.outcome(), c.satisfaction(), c.createdAt(), c.updatedAt(),
                c.closedAt(), deadlines.all(c, events), List.of(), List.of(),
                events.stream().map(CaseView.Event::of).toList());
    }

    CaseView.Summary summary(CaseRecord c) {
        return new CaseView.Summary(c.businessKey(), c.category(), c.status().name(), c.phase().name(), c.slaClass(),
                office(c.officeGroup()), c.districtCode(), c.channel(), c.externalId(), c.createdAt(), c.updatedAt(),
                c.closedAt());
    }

    private CaseView.Office office(String group) {
        return group == null ? null : new CaseView.Office(group, offices.nameOf(group));
    }
}
