package org.civicflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binding goes through Spring Boot's {@link Binder}, as at start-up, but without an application context. */
class DeadlinePolicyTest {

    @Test
    void withoutConfigurationTheLimitsAreThoseOfTheDomain() {
        DeadlinePolicy policy = bind(Map.of());

        assertThat(policy.dispatch(SlaClass.EMERGENCY)).isEqualTo(clock(1));
        assertThat(policy.dispatch(SlaClass.URGENT)).isEqualTo(clock(2));
        assertThat(policy.dispatch(SlaClass.COMPLAINT)).isEqualTo(clock(24));
        assertThat(policy.dispatch(null)).isEqualTo(clock(24));
        assertThat(policy.signFor()).isEqualTo(DeadlineSpec.ofWorkingDays(2));
        assertThat(policy.handling(SlaClass.CONSULTATION)).isEqualTo(DeadlineSpec.ofWorkingDays(3));
        assertThat(policy.handling(SlaClass.HELP)).isEqualTo(DeadlineSpec.ofWorkingDays(7));
        assertThat(policy.handling(SlaClass.COMPLAINT)).isEqualTo(DeadlineSpec.ofWorkingDays(15));
        assertThat(policy.handling(SlaClass.URGENT)).isEqualTo(clock(24));
        assertThat(policy.handling(SlaClass.EMERGENCY)).isEqualTo(clock(2));
        assertThat(policy.callBack()).isEqualTo(DeadlineSpec.ofWorkingDays(3));
        assertThat(policy.reminderAt()).isEqualTo(0.75);
    }

    @Test
    void overridingOneLimitKeepsTheDefaultsOfTheOthers() {
        DeadlinePolicy policy = bind(Map.of(
                "civicflow.sla.handling.complaint", "10wd",
                "civicflow.sla.dispatch.default", "PT12H",
                "civicflow.sla.sign-for", "1wd",
                "civicflow.sla.reminder-at", "0.5"));

        assertThat(policy.handling(SlaClass.COMPLAINT)).isEqualTo(DeadlineSpec.ofWorkingDays(10));
        assertThat(policy.handling(SlaClass.HELP)).isEqualTo(DeadlineSpec.ofWorkingDays(7));
        assertThat(policy.dispatch(SlaClass.CONSULTATION)).isEqualTo(clock(12));
        assertThat(policy.dispatch(SlaClass.EMERGENCY)).isEqualTo(clock(1));
        assertThat(policy.signFor()).isEqualTo(DeadlineSpec.ofWorkingDays(1));
        assertThat(policy.callBack()).isEqualTo(DeadlineSpec.ofWorkingDays(3));
        assertThat(policy.reminderAt()).isEqualTo(0.5);
    }

    @Test
    void aStageAndClassSelectTheirLimit() {
        DeadlinePolicy policy = DeadlinePolicy.defaults();

        assertThat(policy.spec(SlaStage.HANDLING, SlaClass.HELP)).isEqualTo(DeadlineSpec.ofWorkingDays(7));
        assertThat(policy.spec(SlaStage.DISPATCH, SlaClass.URGENT)).isEqualTo(clock(2));
        assertThat(policy.spec(SlaStage.SIGN_FOR, null)).isEqualTo(DeadlineSpec.ofWorkingDays(2));
        assertThat(policy.spec(SlaStage.CALL_BACK, SlaClass.EMERGENCY)).isEqualTo(DeadlineSpec.ofWorkingDays(3));
        assertThatThrownBy(() -> policy.spec(SlaStage.HANDLING, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedLimitFailsStartUpNamingTheProperty() {
        assertBindingFails(Map.of("civicflow.sla.sign-for", "2 days"), "civicflow.sla.sign-for: '2 days' is not a deadline");
        assertBindingFails(Map.of("civicflow.sla.handling.complaint", "15d"), "civicflow.sla.handling.complaint: '15d'");
        assertBindingFails(Map.of("civicflow.sla.dispatch.urgent", "2h"), "civicflow.sla.dispatch.urgent: '2h'");
    }

    @Test
    void anUnknownSlaClassFailsStartUpNamingTheProperty() {
        assertBindingFails(Map.of("civicflow.sla.handling.complain", "15wd"), "civicflow.sla.handling.complain: unknown key");
        assertBindingFails(Map.of("civicflow.sla.handling.default", "15wd"), "civicflow.sla.handling.default: unknown key");
    }

    @Test
    void aReminderOutsideTheDeadlineFailsStartUp() {
        assertBindingFails(Map.of("civicflow.sla.reminder-at", "1.5"), "civicflow.sla.reminder-at");
        assertBindingFails(Map.of("civicflow.sla.reminder-at", "0"), "civicflow.sla.reminder-at");
    }

    @Test
    void slaClassesHaveLowerCaseCodes() {
        assertThat(SlaClass.CONSULTATION.code()).isEqualTo("consultation");
        assertThat(SlaClass.fromCode("complaint")).isEqualTo(SlaClass.COMPLAINT);
        assertThat(SlaClass.fromCode(" Emergency ")).isEqualTo(SlaClass.EMERGENCY);
        assertThatThrownBy(() -> SlaClass.fromCode("complain"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consultation, help, complaint, urgent, emergency");
    }

    @Test
    void stagesHaveTheCodesOfTheirConfigurationKeys() {
        assertThat(SlaStage.fromCode("sign-for")).isEqualTo(SlaStage.SIGN_FOR);
        assertThat(SlaStage.CALL_BACK.code()).isEqualTo("call-back");
        assertThatThrownBy(() -> SlaStage.fromCode("handle")).hasMessageContaining("dispatch, sign-for, handling, call-back");
    }

    private static DeadlinePolicy bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate(DeadlinePolicy.PREFIX, Bindable.of(DeadlinePolicy.class));
    }

    private static void assertBindingFails(Map<String, String> properties, String message) {
        assertThatThrownBy(() -> bind(properties))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining(message);
    }

    private static DeadlineSpec clock(int hours) {
        return DeadlineSpec.ofClockTime(Duration.ofHours(hours));
    }
}
