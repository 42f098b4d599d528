package org.civicflow.escalation.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import org.civicflow.escalation.ActiveWarning;
import org.civicflow.escalation.GeoPoint;
import org.civicflow.escalation.WarningColour;
import org.civicflow.escalation.WarningKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapParserTests {

    private final CapParser parser = new CapParser();

    @Test
    void aRedRainstormAlertForShapingbaAndYuzhongIsParsedAndChangesLiveCases() {
        CapAlert alert = parser.parse(sample("rainstorm-red-shapingba.xml"));

        assertThat(alert.identifier()).isEqualTo("CQ-QXT-20250710063000-BY-RED");
        assertThat(alert.sender()).isEqualTo("cq.cma.gov.cn");
        assertThat(alert.sent()).isEqualTo(OffsetDateTime.parse("2025-07-10T06:30:00+08:00"));
        assertThat(alert.status()).isEqualTo(CapAlert.Status.ACTUAL);
        assertThat(alert.msgType()).isEqualTo(CapAlert.MsgType.ALERT);
        assertThat(alert.scope()).isEqualTo(CapAlert.Scope.PUBLIC);
        assertThat(alert.changesLiveCases()).isTrue();

        CapInfo info = alert.infos().get(0);
        assertThat(info.categories()).containsExactly(CapInfo.Category.MET);
        assertThat(info.event()).isEqualTo("暴雨红色预警");
        assertThat(info.urgency()).isEqualTo(CapInfo.Urgency.IMMEDIATE);
        assertThat(info.severity()).isEqualTo(CapInfo.Severity.EXTREME);
        assertThat(info.certainty()).isEqualTo(CapInfo.Certainty.OBSERVED);
        assertThat(info.expires()).isEqualTo(OffsetDateTime.parse("2025-07-10T18:30:00+08:00"));
        assertThat(info.parameter("warningColour")).contains("RED");
        assertThat(info.eventCodes()).containsExactly(new CapValue("CMA signal", "暴雨红色预警信号"));

        assertThat(info.areas()).extracting(CapArea::areaDesc).containsExactly("沙坪坝区", "渝中区");
        assertThat(info.areas().get(0).polygons().get(0)).hasSize(5).startsWith(new GeoPoint(29.72, 106.31));
        assertThat(info.areas().get(1).circles()).containsExactly(new CapCircle(new GeoPoint(29.5575, 106.577), 3.5));

        assertThat(CapWarnings.activeWarnings(alert))
                .extracting(ActiveWarning::kind, ActiveWarning::colour, ActiveWarning::divisionCode, ActiveWarning::source)
                .containsExactly(
                        tuple(WarningKind.RAINSTORM, WarningColour.RED, "500106", "CQ-QXT-20250710063000-BY-RED"),
                        tuple(WarningKind.RAINSTORM, WarningColour.RED, "500103", "CQ-QXT-20250710063000-BY-RED"));
        ActiveWarning warning = CapWarnings.activeWarnings(alert).get(0);
        assertThat(warning.onset()).isEqualTo(OffsetDateTime.parse("2025-07-10T06:30:00+08:00").toInstant());
        assertThat(warning.expires()).isEqualTo(OffsetDateTime.parse("2025-07-10T18:30:00+08:00").toInstant());
    }

    @Test
    void anOrangeHeatAlertForSeveralDistrictsMapsFromItsEventTextToOneWarningPerDistrict() {
        CapAlert alert = parser.parse(sample("heat-orange-central-districts.xml"));

        assertThat(alert.infos().get(0).parameter("warningColour")).isEmpty();
        assertThat(CapWarnings.activeWarnings(alert))
                .allSatisfy(w -> {
                    assertThat(w.kind()).isEqualTo(WarningKind.HEAT);
                    assertThat(w.colour()).isEqualTo(WarningColour.ORANGE);
                })
                .extracting(ActiveWarning::divisionCode)
                .containsExactly("500103", "500105", "500106", "500107", "500108", "500112");
        assertThat(CapWarnings.activeWarnings(alert).get(0).onset())
                .isEqualTo(OffsetDateTime.parse("2025-08-12T07:30:00+08:00").toInstant());
    }

    @Test
    void aCancelRefersToTheRedRainstormAlertAndPutsNoWarningInForce() {
        CapAlert cancel = parser.parse(sample("rainstorm-red-shapingba-cancel.xml"));

        assertThat(cancel.msgType()).isEqualTo(CapAlert.MsgType.CANCEL);
        assertThat(cancel.references()).containsExactly(new CapReference("cq.cma.gov.cn", "CQ-QXT-20250710063000-BY-RED",
                OffsetDateTime.parse("2025-07-10T06:30:00+08:00")));
        assertThat(cancel.changesLiveCases()).isTrue();
        assertThat(CapWarnings.activeWarnings(cancel)).isEmpty();
    }

    @Test
    void anExerciseIsParsedAndMappedForTheRecordButNeverChangesLiveCases() {
        CapAlert exercise = parser.parse(sample("rainstorm-exercise.xml"));

        assertThat(exercise.status()).isEqualTo(CapAlert.Status.EXERCISE);
        assertThat(exercise.note()).contains("演练");
        assertThat(exercise.changesLiveCases()).isFalse();
        assertThat(CapWarnings.activeWarnings(exercise)).extracting(ActiveWarning::colour, ActiveWarning::divisionCode)
                .containsExactly(tuple(WarningColour.ORANGE, "500109"));
    }

    @Test
    void aTestAlertNeverChangesLiveCasesAndMapsByItsSeverityCityWide() {
        CapAlert test = parser.parse(sample("heat-test.xml"));

        assertThat(test.status()).isEqualTo(CapAlert.Status.TEST);
        assertThat(test.changesLiveCases()).isFalse();
        assertThat(test.infos().get(0).language()).isEqualTo("en-US");
        assertThat(CapWarnings.activeWarnings(test)).extracting(ActiveWarning::kind, ActiveWarning::colour, ActiveWarning::divisionCode)
                .containsExactly(tuple(WarningKind.HEAT, WarningColour.RED, "500000"));
    }

    @ParameterizedTest(name = "{0}, event \"{1}\", warningColour {2}: {3}")
    @CsvSource({
            "Minor, 暴雨预警, , BLUE",
            "Moderate, 暴雨预警, , YELLOW",
            "Severe, 暴雨预警, , ORANGE",
            "Extreme, 暴雨预警, , RED",
            "Unknown, 暴雨预警, , ",
            "Extreme, 暴雨黄色预警, , YELLOW",
            "Minor, Rainstorm warning, red, RED",
            "Minor, Rainstorm warning for reduced visibility, , BLUE",
            "Severe, 暴雨黄色预警, 红色, RED",
    })
    void theWarningColourComesFromTheParameterElseTheEventTextElseTheSeverity(String severity, String event, String parameter,
                                                                             WarningColour expected) {
        String parameters = parameter == null ? "" : "<parameter><valueName>warningColour</valueName><value>" + parameter
                + "</value></parameter>";
        CapInfo info = parser.parse(alert("Actual", "Alert", "", info("Met", event, severity, parameters))).infos().get(0);

        assertThat(CapWarnings.warningKind(info)).contains(WarningKind.RAINSTORM);
        assertThat(CapWarnings.warningColour(info).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} \"{1}\": {2}")
    @CsvSource({
            "Met, 高温黄色预警, HEAT",
            "Met, Heatwave warning, HEAT",
            "Met, 大风蓝色预警, ",
            "Fire, 森林火险红色预警, ",
    })
    void onlyMetRainstormAndHeatAlertsAreWarningsTheRulesActOn(String category, String event, WarningKind expected) {
        CapInfo info = parser.parse(alert("Actual", "Alert", "", info(category, event, "Severe", ""))).infos().get(0);

        assertThat(CapWarnings.warningKind(info).orElse(null)).isEqualTo(expected);
    }

    @Test
    void onlyGeocodesNamingDivisionCodesCount() {
        String area = "<area><areaDesc>江北区</areaDesc>"
                + "<geocode><valueName>adcode</valueName><value>500105</value></geocode>"
                + "<geocode><valueName>divisionCode</valueName><value>500105003</value></geocode>"
                + "<geocode><valueName>postcode</valueName><value>400020</value></geocode>"
                + "<geocode><valueName>GB/T 2260</valueName><value>5001</value></geocode></area>";
        CapAlert alert = parser.parse(alert("Actual", "Alert", "", info("Met", "暴雨蓝色预警", "Minor", area)));

        assertThat(CapWarnings.divisionCodes(alert.infos().get(0).areas().get(0))).containsExactly("500105", "500105003");
    }

    @Test
    void malformedXmlIsRefusedWithItsPosition() {
        var refused = catchThrowableOfType(CapValidationException.class,
                () -> parser.parse("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</alert>"));

        assertThat(refused.getErrors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("alert");
            assertThat(e.message()).startsWith("not well-formed XML").contains("line 1");
        });
    }

    @Test
    void anXxeAttemptIsRefusedWithoutReadingTheFile(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE alert [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + alert("Actual", "Alert", "", info("Met", "&xxe;", "Minor", "")).replaceFirst("^<\\?xml[^>]*>", "");

        var refused = catchThrowableOfType(CapValidationException.class, () -> parser.parse(xxe));

        assertThat(refused.getErrors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("alert");
            assertThat(e.message()).contains("DOCTYPE");
        });
        assertThat(refused.getMessage()).doesNotContain("TOP-SECRET");
    }

    @Test
    void anEntityExpansionBombAndAnExternalDtdAreRefused() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&lol3;</identifier></alert>";
        String externalDtd = "<?xml version=\"1.0\"?><!DOCTYPE alert SYSTEM \"http://attacker.invalid/cap.dtd\">"
                + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>";

        for (String hostile : List.of(bomb, externalDtd)) {
            assertThatThrownBy(() -> parser.parse(hostile)).isInstanceOfSatisfying(CapValidationException.class,
                    e -> assertThat(e.getErrors()).extracting(FieldError::message).singleElement().asString().contains("DOCTYPE"));
        }
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        String xml = """
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>has space</identifier>
                  <sent>2025-07-10 06:30</sent>
                  <status>Real</status>
                  <msgType>Update</msgType>
                  <scope>Public</scope>
                  <info>
                    <category>Weather</category>
                    <urgency>Immediate</urgency>
                    <certainty>Observed</certainty>
                    <onset>2025-07-10T08:00:00+08:00</onset>
                    <expires>2025-07-10T07:00:00+08:00</expires>
                    <parameter><valueName>warningColour</valueName></parameter>
                    <area>
                      <polygon>29.7,106.3 29.7,106.4 29.6,106.4 29.6,106.3</polygon>
                      <circle>29.5,106.5</circle>
                    </area>
                  </info>
                </alert>
                """;

        var refused = catchThrowableOfType(CapValidationException.class, () -> parser.parse(xml));

        assertThat(refused.getErrors()).extracting(FieldError::field).containsExactly(
                "identifier", "sender", "sent", "status", "references", "info[0].category[0]", "info[0].event",
                "info[0].severity", "info[0].expires", "info[0].area[0].areaDesc", "info[0].area[0].polygon[0]",
                "info[0].area[0].circle[0]", "info[0].parameter[0].value");
    }

    @Test
    void anAlertOfAnotherCapVersionIsRefused() {
        String cap11 = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.1\"><identifier>x</identifier></alert>";

        assertThatThrownBy(() -> parser.parse(cap11)).isInstanceOfSatisfying(CapValidationException.class,
                e -> assertThat(e.getErrors()).extracting(FieldError::message).singleElement().asString()
                        .contains(CapParser.NAMESPACE));
    }

    @Test
    void noInputIsAFieldErrorNotANullPointerException() {
        assertThatThrownBy(() -> parser.parse((String) null)).isInstanceOf(CapValidationException.class);
        assertThatThrownBy(() -> parser.parse((InputStream) null)).isInstanceOf(CapValidationException.class);
        assertThatThrownBy(() -> parser.parse(new byte[0])).isInstanceOf(CapValidationException.class);
        assertThatThrownBy(() -> parser.parse("   ")).isInstanceOf(CapValidationException.class);
        assertThatThrownBy(() -> parser.parse(new byte[CapParser.MAX_BYTES + 1]))
                .isInstanceOfSatisfying(CapValidationException.class,
                        e -> assertThat(e.getErrors().get(0).message()).contains("larger than"));
    }

    // given helpers

    private static InputStream sample(String name) {
        InputStream in = CapParserTests.class.getResourceAsStream("/cap/" + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("no sample " + name));
        }
        return in;
    }

    private static String alert(String status, String msgType, String references, String infos) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>TEST-1</identifier>
                  <sender>cq.cma.gov.cn</sender>
                  <sent>2025-07-10T06:30:00+08:00</sent>
                  <status>%s</status>
                  <msgType>%s</msgType>
                  <scope>Public</scope>
                  %s
                  %s
                </alert>
                """.formatted(status, msgType, references, infos);
    }

    private static String info(String category, String event, String severity, String extra) {
        return """
                <info>
                  <category>%s</category>
                  <event>%s</event>
                  <urgency>Immediate</urgency>
                  <severity>%s</severity>
                  <certainty>Likely</certainty>
                  %s
                </info>
                """.formatted(category, event, severity, extra);
    }
}
