package org.civicflow.jurisdiction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;

/**
 * Reads the division CSVs. They are plain comma-separated files without quoting (no name contains a
 * comma), so a split is enough; anything unexpected stops start-up with the file and line, because a
 * half-loaded office tree would route cases to offices that do not exist.
 */
final class DivisionCsv {

    static final String DISTRICTS_HEADER = "code,name,name_en,kind";
    static final String SUBDISTRICTS_HEADER = "code,name,district_code,kind";

    private static final Pattern DISTRICT_CODE = Pattern.compile("50\\d{4}");
    private static final Pattern SUBDISTRICT_CODE = Pattern.compile("50\\d{7}");
    private static final Set<String> DISTRICT_KINDS = Set.of("district", "county", "autonomous_county");
    private static final Set<String> SUBDISTRICT_KINDS = Set.of("subdistrict", "town", "township");

    private DivisionCsv() {
    }

    static List<District> readDistricts(Resource csv) {
        List<District> districts = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Row row : read(csv, DISTRICTS_HEADER)) {
            String code = row.field(0);
            row.check(DISTRICT_CODE.matcher(code).matches() && !code.equals(Divisions.CITY_CODE),
                    "district code '" + code + "' is not a 6-digit Chongqing district code");
            row.check(codes.add(code), "duplicate district code " + code);
            // Names must be unique: addresses name districts, not codes.
            row.check(names.add(row.field(1)), "duplicate district name " + row.field(1));
            row.check(DISTRICT_KINDS.contains(row.field(3)),
                    "district kind '" + row.field(3) + "' is not one of " + DISTRICT_KINDS);
            districts.add(new District(code, row.field(1), row.field(2), row.field(3)));
        }
        return districts;
    }

    static List<Subdistrict> readSubdistricts(Resource csv, Map<String, District> districtsByCode) {
        List<Subdistrict> subdistricts = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (Row row : read(csv, SUBDISTRICTS_HEADER)) {
            String code = row.field(0);
            String districtCode = row.field(2);
            row.check(SUBDISTRICT_CODE.matcher(code).matches(),
                    "subdistrict code '" + code + "' is not a 9-digit Chongqing code");
            row.check(codes.add(code), "duplicate subdistrict code " + code);
            row.check(districtsByCode.containsKey(districtCode),
                    "subdistrict " + code + " names unknown district " + districtCode);
            row.check(code.startsWith(districtCode),
                    "subdistrict code " + code + " does not start with its district code " + districtCode);
            row.check(SUBDISTRICT_KINDS.contains(row.field(3)),
                    "subdistrict kind '" + row.field(3) + "' is not one of " + SUBDISTRICT_KINDS);
            subdistricts.add(new Subdistrict(code, row.field(1), districtCode, row.field(3)));
        }
        return subdistricts;
    }

    private static List<Row> read(Resource csv, String expectedHeader) {
        String file = csv.getFilename() != null ? csv.getFilename() : csv.getDescription();
        int columns = expectedHeader.split(",").length;
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(csv.getInputStream(), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null) {
                throw malformed(file, 1, "the file is empty");
            }
            header = header.strip().replace("\uFEFF", "");
            if (!header.equals(expectedHeader)) {
                throw malformed(file, 1, "expected header '" + expectedHeader + "' but found '" + header + "'");
            }
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != columns) {
                    throw malformed(file, lineNumber, "expected " + columns + " fields but found " + fields.length);
                }
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = fields[i].strip();
                    if (fields[i].isEmpty()) {
                        throw malformed(file, lineNumber, "field " + (i + 1) + " is empty");
                    }
                }
                rows.add(new Row(file, lineNumber, List.of(fields)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read jurisdiction data " + file + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw malformed(file, 2, "the file has no data rows");
        }
        return rows;
    }

    static IllegalStateException malformed(String file, int line, String reason) {
        return new IllegalStateException("Malformed jurisdiction data in " + file + " line " + line + ": " + reason);
    }

    private record Row(String file, int line, List<String> fields) {

        String field(int index) {
            return fields.get(index);
        }

        void check(boolean condition, String reason) {
            if (!condition) {
                throw malformed(file, line, reason);
            }
        }
    }
}
