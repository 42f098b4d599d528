package org.civicflow.intake;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * The catalogue of citizen request categories ({@code catalogue/services.csv}). How a category is classified and who
 * handles it is not here but in the routing rules, so that knowledge lives in one place.
 */
@Component
public class ServiceCatalogue {

    /** Attributes under this key apply to every category. */
    static final String EVERY_CATEGORY = "*";

    private final Map<String, ServiceCategory> categories;
    private final Map<String, List<ServiceAttribute>> attributes;

    public ServiceCatalogue() {
        this.categories = load();
        this.attributes = loadAttributes();
    }

    /** The attributes a category asks for (those of every category first), in their display order. */
    public List<ServiceAttribute> attributesOf(String code) {
        List<ServiceAttribute> result = new ArrayList<>(attributes.getOrDefault(EVERY_CATEGORY, List.of()));
        result.addAll(attributes.getOrDefault(code, List.of()));
        result.sort(Comparator.comparingInt(ServiceAttribute::order));
        return List.copyOf(result);
    }

    public List<ServiceCategory> all() {
        return List.copyOf(categories.values());
    }

    public Optional<ServiceCategory> find(String code) {
        return Optional.ofNullable(code == null ? null : categories.get(code));
    }

    public boolean contains(String code) {
        return code != null && categories.containsKey(code);
    }

    private static Map<String, List<ServiceAttribute>> loadAttributes() {
        Map<String, List<ServiceAttribute>> byCategory = new LinkedHashMap<>();
        for (Map<String, String> row : rows("catalogue/attributes.csv")) {
            List<ServiceAttribute.Value> values = new ArrayList<>();
            String spec = row.get("values");
            if (spec != null && !spec.isBlank()) {
                for (String pair : spec.split("\\|")) {
                    int colon = pair.indexOf(':');
                    values.add(new ServiceAttribute.Value(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip()));
                }
            }
            byCategory.computeIfAbsent(row.get("category"), c -> new ArrayList<>()).add(new ServiceAttribute(row.get("code"),
                    row.get("datatype"), Boolean.parseBoolean(row.get("required")), Integer.parseInt(row.get("order")),
                    row.get("description"), List.copyOf(values)));
        }
        return Collections.unmodifiableMap(byCategory);
    }

    private static List<Map<String, String>> rows(String resource) {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (Reader reader = new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8)) {
            MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class).with(schema).readValues(reader);
            return it.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static Map<String, ServiceCategory> load() {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (Reader reader = new InputStreamReader(new ClassPathResource("catalogue/services.csv").getInputStream(),
                StandardCharsets.UTF_8)) {
            MappingIterator<Map<String, String>> rows = mapper.readerFor(Map.class).with(schema).readValues(reader);
            Map<String, ServiceCategory> byCode = new LinkedHashMap<>();
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                byCode.put(row.get("code"), new ServiceCategory(row.get("code"), row.get("name_zh"), row.get("name_en"),
                        row.get("group_code"), row.get("group_zh"), row.get("group_en"), row.get("description")));
            }
            return Collections.unmodifiableMap(byCode);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read catalogue/services.csv", e);
        }
    }
}
