package org.civicflow.jurisdiction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.civicflow.jurisdiction.AddressNames.Key;
import org.civicflow.jurisdiction.AddressNames.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The office tree: Chongqing, its 38 districts and their 1,031 subdistricts, loaded once from
 * {@code jurisdictions/*.csv}. Immutable after construction, so safe to share.
 */
@Component
public class Divisions {

    public static final String CITY_CODE = "500000";
    public static final String CITY_NAME = "重庆市";

    static final String DISTRICTS_CSV = "jurisdictions/chongqing-districts.csv";
    static final String SUBDISTRICTS_CSV = "jurisdictions/chongqing-subdistricts.csv";

    private static final Logger log = LoggerFactory.getLogger(Divisions.class);

    /** The city as written in addresses; its names are never part of a subdistrict name. */
    private static final List<String> CITY_NAMES = List.of(CITY_NAME, "重庆");
    private static final List<String> SUBDISTRICT_SUFFIXES = List.of("街道", "镇", "乡");
    private static final List<String> DISTRICT_SUFFIXES = List.of("区", "县");
    /**
     * Autonomous counties are called by their place name (石柱 for 石柱土家族自治县): the name minus the
     * ethnic groups (…族, one to three characters each) and 自治县.
     */
    private static final Pattern AUTONOMOUS_COUNTY = Pattern.compile("(\\p{IsHan}{2,}?)(?:\\p{IsHan}{1,3}?族)+自治县");

    private final List<District> districts;
    private final Map<String, District> districtsByCode;
    private final List<Subdistrict> subdistricts;
    private final Map<String, Subdistrict> subdistrictsByCode;
    private final Map<String, List<Subdistrict>> subdistrictsByDistrict;

    private final List<List<Key<District>>> districtKeys;
    private final Map<String, List<List<Key<Subdistrict>>>> subdistrictKeysByDistrict;
    private final List<List<Key<Subdistrict>>> subdistrictKeysCityWide;
    private final Set<String> districtLevelNames;
    private final Set<String> subdistrictFullNames;

    /** Loads the tree shipped on the classpath. */
    public Divisions() {
        this(new ClassPathResource(DISTRICTS_CSV), new ClassPathResource(SUBDISTRICTS_CSV));
    }

    Divisions(Resource districtsCsv, Resource subdistrictsCsv) {
        this.districts = DivisionCsv.readDistricts(districtsCsv).stream()
                .sorted(Comparator.comparing(District::code)).toList();
        this.districtsByCode = index(districts, District::code);
        this.subdistricts = DivisionCsv.readSubdistricts(subdistrictsCsv, districtsByCode).stream()
                .sorted(Comparator.comparing(Subdistrict::code)).toList();
        this.subdistrictsByCode = index(subdistricts, Subdistrict::code);
        Map<String, List<Subdistrict>> byDistrict = new TreeMap<>();
        districts.forEach(district -> byDistrict.put(district.code(), new ArrayList<>()));
        subdistricts.forEach(subdistrict -> byDistrict.get(subdistrict.districtCode()).add(subdistrict));
        this.subdistrictsByDistrict = byDistrict.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));

        this.districtKeys = districtKeys(districts);
        this.subdistrictKeysCityWide = subdistrictKeys(subdistricts);
        this.subdistrictKeysByDistrict = subdistrictsByDistrict.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> subdistrictKeys(entry.getValue())));
        Set<String> districtLevel = new LinkedHashSet<>(CITY_NAMES);
        districts.forEach(district -> {
            districtLevel.add(district.name());
            districtLevel.addAll(shortNames(district));
        });
        this.districtLevelNames = Set.copyOf(districtLevel);
        this.subdistrictFullNames = subdistricts.stream().map(Subdistrict::name).collect(Collectors.toUnmodifiableSet());
        log.info("Loaded {} districts and {} subdistricts of {}", districts.size(), subdistricts.size(), CITY_NAME);
    }

    /** All districts, ascending by code. */
    public List<District> districts() {
        return districts;
    }

    public Optional<District> district(String code) {
        return Optional.ofNullable(code).map(districtsByCode::get);
    }

    public Optional<Subdistrict> subdistrict(String code) {
        return Optional.ofNullable(code).map(subdistrictsByCode::get);
    }

    /** The subdistricts of a district, ascending by code; empty for an unknown district. */
    public List<Subdistrict> subdistrictsOf(String districtCode) {
        return subdistrictsByDistrict.getOrDefault(districtCode, List.of());
    }

    /** All subdistricts, ascending by code. */
    public List<Subdistrict> subdistricts() {
        return subdistricts;
    }

    /** The name of the city, a district or a subdistrict; the code itself when it names none of them. */
    public String nameOf(String divisionCode) {
        Objects.requireNonNull(divisionCode, "divisionCode");
        if (CITY_CODE.equals(divisionCode)) {
            return CITY_NAME;
        }
        District district = districtsByCode.get(divisionCode);
        if (district != null) {
            return district.name();
        }
        Subdistrict subdistrict = subdistrictsByCode.get(divisionCode);
        return subdistrict != null ? subdistrict.name() : divisionCode;
    }

    /** "500103 渝中区": how notes name a division. */
    public String describe(String divisionCode) {
        String name = nameOf(divisionCode);
        return name.equals(divisionCode) ? divisionCode : divisionCode + " " + name;
    }

    /**
     * The district an address names: by full name (渝中区), else by short name (渝中, 石柱) where that is
     * unambiguous and at least two characters. Empty when none, or when two districts are named equally
     * well (see {@link AddressNames#findUnique}). A short name inside a subdistrict's name does not count
     * (江北 in 江北街道, which is in 涪陵区).
     */
    public Optional<District> findDistrictInAddress(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        List<Span> ignored = AddressNames.occurrences(address, subdistrictFullNames);
        return AddressNames.findUnique(address, districtKeys, ignored);
    }

    /**
     * The subdistrict an address names: by full name (解放碑街道), else by the name without 街道/镇/乡 where
     * that leaves at least two characters (解放碑). The longest match wins; two different units matching
     * equally well give empty. Searches the given district, or the whole city when the code is
     * {@code null} or {@value #CITY_CODE} (there the many repeated names, such as 龙沙镇 in two districts,
     * give empty: only a unique match counts). Empty for an unknown district code. Names that are part of
     * the city's or a district's name do not count (沙坪 in 沙坪坝区).
     */
    public Optional<Subdistrict> findSubdistrictInAddress(String address, String districtCodeOrNull) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        List<List<Key<Subdistrict>>> keys = districtCodeOrNull == null || CITY_CODE.equals(districtCodeOrNull)
                ? subdistrictKeysCityWide
                : subdistrictKeysByDistrict.get(districtCodeOrNull);
        if (keys == null) {
            return Optional.empty();
        }
        List<Span> ignored = AddressNames.occurrences(address, districtLevelNames);
        return AddressNames.findUnique(address, keys, ignored);
    }

    private static List<List<Key<District>>> districtKeys(List<District> districts) {
        List<Key<District>> full = new ArrayList<>();
        List<Key<District>> shortForms = new ArrayList<>();
        for (District district : districts) {
            full.add(new Key<>(district.name(), district));
            for (String shortName : shortNames(district)) {
                // Unambiguous only: no other district's name contains it.
                boolean unique = districts.stream()
                        .filter(other -> other != district)
                        .noneMatch(other -> other.name().contains(shortName) || shortNames(other).contains(shortName));
                if (unique) {
                    shortForms.add(new Key<>(shortName, district));
                }
            }
        }
        return List.of(List.copyOf(full), List.copyOf(shortForms));
    }

    private static Set<String> shortNames(District district) {
        Set<String> names = new LinkedHashSet<>();
        names.add(withoutSuffix(district.name(), DISTRICT_SUFFIXES));
        Matcher autonomous = AUTONOMOUS_COUNTY.matcher(district.name());
        if (autonomous.matches()) {
            names.add(autonomous.group(1));
        }
        names.removeIf(name -> name.length() < 2 || name.equals(district.name()));
        return names;
    }

    private static List<List<Key<Subdistrict>>> subdistrictKeys(List<Subdistrict> units) {
        List<Key<Subdistrict>> full = new ArrayList<>();
        List<Key<Subdistrict>> shortForms = new ArrayList<>();
        for (Subdistrict unit : units) {
            full.add(new Key<>(unit.name(), unit));
            String shortName = withoutSuffix(unit.name(), SUBDISTRICT_SUFFIXES);
            if (shortName.length() >= 2 && !shortName.equals(unit.name())) {
                shortForms.add(new Key<>(shortName, unit));
            }
        }
        return List.of(List.copyOf(full), List.copyOf(shortForms));
    }

    private static String withoutSuffix(String name, List<String> suffixes) {
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static <T> Map<String, T> index(List<T> units, Function<T, String> code) {
        Map<String, T> byCode = new LinkedHashMap<>();
        units.forEach(unit -> byCode.put(code.apply(unit), unit));
        return Map.copyOf(byCode);
    }
}
