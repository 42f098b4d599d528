package org.civicflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.civicflow.identity.OfficeRole;
import org.civicflow.rules.RuleBase;
import org.civicflow.sla.SlaClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingRulesTests {

    private static final RoutingService routing = new RoutingService(new RuleBase());

    @ParameterizedTest(name = "{0} is {1}, handled by {2}")
    @CsvSource({
            "consultation, CONSULTATION, HANDLER, A consultation is answered by the subdistrict within 3 working days",
            "waste, HELP, HANDLER, Requests for help with local services go to the subdistrict as help",
            "road-damage, HELP, HANDLER, Requests for help with local services go to the subdistrict as help",
            "streetlight, HELP, HANDLER, Requests for help with local services go to the subdistrict as help",
            "waterlogging, HELP, HANDLER, Requests for help with local services go to the subdistrict as help",
            "geological-hazard, HELP, HANDLER, Requests for help with local services go to the subdistrict as help",
            "heat-relief, HELP, HANDLER, Requests for help with local services go to the subdistrict as help",
            "noise, COMPLAINT, HANDLER, Complaints about nuisance and order go to the subdistrict as complaints",
            "street-vending, COMPLAINT, HANDLER, Complaints about nuisance and order go to the subdistrict as complaints",
            "illegal-construction, COMPLAINT, HANDLER, Complaints about nuisance and order go to the subdistrict as complaints",
            "fire-hazard, COMPLAINT, HANDLER, Complaints about nuisance and order go to the subdistrict as complaints",
            "air-pollution, COMPLAINT, ENVIRONMENT, Air pollution complaints go to the district ecology and environment bureau",
            "traffic, HELP, POLICE, Traffic problems go to the district public security bureau",
            "pipeline-leak, URGENT, HANDLER, A utility pipeline leak is urgent",
    })
    void everyCatalogueCategoryIsClassifiedByExactlyOneBaseRule(String category, SlaClass sla, OfficeRole role, String rule) {
        var routed = routing.classify(new RoutingRequest(category, Map.of()));

        assertThat(routed.decision().getSlaClass()).isEqualTo(sla);
        assertThat(routed.decision().getResponsibleRole()).isEqualTo(role);
        assertThat(routed.outcome().firedRules()).containsExactly(rule);
        assertThat(routed.outcome().version()).hasSize(16);
    }

    @Test
    void aReportedDangerToLifeMakesANoiseComplaintAnEmergency() {
        var routed = routing.classify(new RoutingRequest("noise", Map.of("dangerToLife", "true")));

        assertThat(routed.decision().getSlaClass()).isEqualTo(SlaClass.EMERGENCY);
        assertThat(routed.outcome().firedRules())
                .containsExactly("Complaints about nuisance and order go to the subdistrict as complaints",
                        "A reported danger to life or property makes any request an emergency");
    }

    @Test
    void anUnknownCategoryIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> routing.classify(new RoutingRequest("parking", Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parking");
    }
}
