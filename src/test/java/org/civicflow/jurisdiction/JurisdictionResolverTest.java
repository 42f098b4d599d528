package org.civicflow.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

class JurisdictionResolverTest {

    private static final Divisions DIVISIONS = new Divisions();
    private static final JurisdictionResolver RESOLVER = new JurisdictionResolver(DIVISIONS, new DistrictLocator(DIVISIONS));

    private static final GeoPoint JIEFANGBEI = GeoPoint.ofLonLat(106.5770, 29.5575);
    private static final GeoPoint SHAPINGBA = GeoPoint.ofLonLat(106.4563, 29.5412);
    private static final GeoPoint CHENGDU = GeoPoint.ofLonLat(104.07, 30.67);
    private static final String JIEFANGBEI_ADDRESS = "重庆市渝中区解放碑街道民族路188号";

    @Test
    void aLocationAloneGivesTheDistrictAndLeavesTheSubdistrictToItsDispatcher() {
        Jurisdiction jurisdiction = RESOLVER.resolve(SHAPINGBA, null, null);

        assertThat(jurisdiction).extracting(Jurisdiction::districtCode, Jurisdiction::subdistrictCode, Jurisdiction::level)
                .containsExactly("500106", null, DispatchLevel.DISTRICT);
        assertThat(jurisdiction.divisionCode()).isEqualTo("500106");
        assertThat(jurisdiction.notes()).anySatisfy(note -> assertThat(note).contains("inside 500106 沙坪坝区"))
                .anySatisfy(note -> assertThat(note).contains("dispatch desk of 500106 沙坪坝区 chooses"));
    }

    @Test
    void aLocationAndAnAddressNamingASubdistrictThereGoStraightToTheSubdistrict() {
        Jurisdiction jurisdiction = RESOLVER.resolve(JIEFANGBEI, null, JIEFANGBEI_ADDRESS);

        assertThat(jurisdiction).extracting(Jurisdiction::districtCode, Jurisdiction::subdistrictCode, Jurisdiction::level)
                .containsExactly("500103", "500103003", DispatchLevel.SUBDISTRICT);
        assertThat(jurisdiction.divisionCode()).isEqualTo("500103003");
    }

    @Test
    void aSubdistrictCodeWinsOverALocationInAnotherDistrictWithANote() {
        Jurisdiction jurisdiction = RESOLVER.resolve(SHAPINGBA, "500103003", null);

        assertThat(jurisdiction).extracting(Jurisdiction::districtCode, Jurisdiction::subdistrictCode, Jurisdiction::level)
                .containsExactly("500103", "500103003", DispatchLevel.SUBDISTRICT);
        assertThat(jurisdiction.notes()).anySatisfy(note -> assertThat(note)
                .contains("500103003 解放碑街道", "belongs to 500103 渝中区", "wins over the location's district 500106 沙坪坝区"));
    }

    @Test
    void aDistrictCodeWinsOverTheAddress() {
        Jurisdiction jurisdiction = RESOLVER.resolve(null, "500105", JIEFANGBEI_ADDRESS);

        // 解放碑街道 is not in 江北区, so no subdistrict: 江北区's dispatcher chooses.
        assertThat(jurisdiction).extracting(Jurisdiction::districtCode, Jurisdiction::subdistrictCode, Jurisdiction::level)
                .containsExactly("500105", null, DispatchLevel.DISTRICT);
        assertThat(jurisdiction.notes()).anySatisfy(note -> assertThat(note)
                .contains("address names 500103 渝中区", "kept 500105 江北区"));
    }

    @Test
    void aSubdistrictCodeWinsOverAnotherSubdistrictInTheAddress() {
        Jurisdiction jurisdiction = RESOLVER.resolve(null, "500103012", JIEFANGBEI_ADDRESS);

        assertThat(jurisdiction.subdistrictCode()).isEqualTo("500103012");
        assertThat(jurisdiction.level()).isEqualTo(DispatchLevel.SUBDISTRICT);
    }

    @Test
    void aSubdistrictInTheAddressIsSearchedOnlyWithinTheLocatedDistrict() {
        Jurisdiction jurisdiction = RESOLVER.resolve(SHAPINGBA, null, "解放碑街道民族路188号");

        assertThat(jurisdiction).extracting(Jurisdiction::districtCode, Jurisdiction::subdistrictCode, Jurisdiction::level)
                .containsExactly("500106", null, DispatchLevel.DISTRICT);
    }

    @Test
    void anAddressAloneGivesTheDistrictAndSubdistrictItNames() {
        Jurisdiction jurisdiction = RESOLVER.resolve(null, null, JIEFANGBEI_ADDRESS);

        assertThat(jurisdiction).extracting(Jurisdiction::districtCode, Jurisdiction::subdistrictCode, Jurisdiction::level)
                .containsExactly("500103", "500103003", DispatchLevel.SUBDISTRICT);
        assertThat(jurisdiction.notes()).anySatisfy(note -> assertThat(note).contains("District 500103 渝中区 named in the address"));
    }

    @Test
    void aSubdistrictNameUniqueInTheCityGivesItsDistrictToo() {
        Jurisdiction jurisdiction = RESOLVER.resolve(null, null, "解放碑民族路188号");

        assertThat(jurisdiction).extracting(Jurisdiction::districtCode, Jurisdiction::subdistrictCode, Jurisdiction::level)
                .containsExactly("500103", "500103003", DispatchLevel.SUBDISTRICT);
        assertThat(jurisdiction.notes()).anySatisfy(note -> assertThat(note).contains("only one of that name in the city"));
    }

    @Test
    void aSubdistrictNameRepeatedInTheCityLeavesTheCaseWithTheCity() {
        assertThat(RESOLVER.resolve(null, null, "龙沙镇政府").level()).isEqualTo(DispatchLevel.CITY);
    }

    @Test
    void nothingKnownGoesToTheCityDispatchCentre() {
        Jurisdiction jurisdiction = RESOLVER.resolve(null, null, null);

        assertThat(jurisdiction).extracting(Jurisdiction::districtCode, Jurisdiction::subdistrictCode, Jurisdiction::level)
                .containsExactly(null, null, DispatchLevel.CITY);
        assertThat(jurisdiction.divisionCode()).isEqualTo(Divisions.CITY_CODE);
        assertThat(jurisdiction.notes()).containsExactly("No district known; the city dispatch centre decides.");
    }

    @Test
    void theCityCodeCountsAsNoCode() {
        Jurisdiction jurisdiction = RESOLVER.resolve(null, Divisions.CITY_CODE, null);

        assertThat(jurisdiction.level()).isEqualTo(DispatchLevel.CITY);
        assertThat(jurisdiction.notes()).first().asString().contains("500000 is the city itself");
    }

    @Test
    void anUnknownCodeIsIgnoredWithANoteInsteadOfFailing() {
        Jurisdiction jurisdiction = RESOLVER.resolve(JIEFANGBEI, "500199", " ");

        assertThat(jurisdiction).extracting(Jurisdiction::districtCode, Jurisdiction::level)
                .containsExactly("500103", DispatchLevel.DISTRICT);
        assertThat(jurisdiction.notes()).first().asString().contains("'500199'", "ignored");
    }

    @Test
    void aLocationOutsideChongqingLeavesTheCaseWithTheCityWhateverTheAddressSays() {
        Jurisdiction jurisdiction = RESOLVER.resolve(CHENGDU, null, JIEFANGBEI_ADDRESS);

        assertThat(jurisdiction.level()).isEqualTo(DispatchLevel.CITY);
        assertThat(jurisdiction.notes())
                .anySatisfy(note -> assertThat(note).contains("outside Chongqing"))
                .anySatisfy(note -> assertThat(note).contains("address names 500103 渝中区", "not used"));
    }

    @Test
    void aJurisdictionsLevelMustFitItsCodes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Jurisdiction("500103", null, DispatchLevel.CITY, List.of()))
                .withMessageContaining("does not fit");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Jurisdiction.of(null, "500103003", List.of()))
                .withMessageContaining("needs its district");
    }
}
