package org.civicflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What a clerk would trip over in the Camunda Forms, checked on the files themselves (no engine needed). */
class FormFilesTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FORMS = Path.of("forms");

    @Test
    void requiredIsAlwaysTrueOrFalseNeverAStringThatMakesAnOptionalFieldMandatory() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path form : forms()) {
            for (JsonNode c : JSON.readTree(form.toFile()).path("components")) {
                JsonNode required = c.path("validate").path("required");
                if (!required.isMissingNode() && !required.isBoolean()) {
                    wrong.add(form.getFileName() + " " + c.path("key").asText());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyInputHasABilingualLabelAndLongTextsAreTextAreas() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path form : forms()) {
            for (JsonNode c : JSON.readTree(form.toFile()).path("components")) {
                if (!c.has("key")) {
                    continue;
                }
                String label = c.has("label") ? c.path("label").asText() : c.path("dateLabel").asText();
                if (!label.matches(".*\\p{IsHan}.*") || !label.matches(".*[A-Za-z].*")) {
                    wrong.add(form.getFileName() + " " + c.path("key").asText() + ": label '" + label + "'");
                }
                int max = c.path("validate").path("maxLength").asInt(0);
                if ("textfield".equals(c.path("type").asText()) && max > 1000) {
                    wrong.add(form.getFileName() + " " + c.path("key").asText() + ": " + max + " characters in one line");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theEnforcementStartFormOffersChongqingsDistrictsFromTheJurisdictionData() throws IOException {
        List<String> fromData;
        try (Stream<String> lines = Files.lines(Path.of("src/main/resources/jurisdictions/chongqing-districts.csv"))) {
            fromData = lines.skip(1).map(l -> l.split(",")[0]).toList();
        }
        JsonNode district = null;
        for (JsonNode c : JSON.readTree(FORMS.resolve("open-enforcement.form").toFile()).path("components")) {
            if ("districtCode".equals(c.path("key").asText())) {
                district = c;
            }
        }
        assertThat(district).isNotNull();
        assertThat(district.path("type").asText()).isEqualTo("select");
        List<String> offered = new ArrayList<>();
        district.path("values").forEach(v -> offered.add(v.path("value").asText()));
        assertThat(offered).containsExactlyElementsOf(fromData).hasSize(38);
    }

    private static List<Path> forms() throws IOException {
        try (Stream<Path> files = Files.list(FORMS)) {
            List<Path> forms = files.filter(f -> f.toString().endsWith(".form")).sorted().toList();
            assertThat(forms).hasSizeGreaterThan(10);
            return forms;
        }
    }
}
