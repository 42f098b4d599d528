package org.civicflow.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

class DivisionsTest {

    private static final Divisions DIVISIONS = new Divisions();

    @Test
    void loadsThe38DistrictsSortedByCode() {
        assertThat(DIVISIONS.districts()).hasSize(38);
        assertThat(DIVISIONS.districts()).isSortedAccordingTo((a, b) -> a.code().compareTo(b.code()));
        assertThat(DIVISIONS.districts().stream().collect(Collectors.groupingBy(District::kind, Collectors.counting())))
                .isEqualTo(Map.of("district", 26L, "county", 8L, "autonomous_county", 4L));
        assertThat(DIVISIONS.district("500103")).contains(new District("500103", "渝中区", "Yuzhong", "district"));
    }

    @Test
    void loadsAll1031SubdistrictsEachInADistrictThatExists() {
        assertThat(DIVISIONS.subdistricts()).hasSize(1_031);
        assertThat(DIVISIONS.subdistricts()).allSatisfy(subdistrict -> {
            assertThat(DIVISIONS.district(subdistrict.districtCode())).isPresent();
            assertThat(subdistrict.code()).startsWith(subdistrict.districtCode());
        });
        assertThat(DIVISIONS.districts().stream().mapToInt(d -> DIVISIONS.subdistrictsOf(d.code()).size()).sum())
                .isEqualTo(1_031);
        assertThat(DIVISIONS.subdistricts().stream().collect(Collectors.groupingBy(Subdistrict::kind, Collectors.counting())))
                .isEqualTo(Map.of("subdistrict", 245L, "town", 625L, "township", 161L));
    }

    @Test
    void jiefangbeiSubdistrictIs500103003InYuzhong() {
        assertThat(DIVISIONS.subdistrict("500103003"))
                .contains(new Subdistrict("500103003", "解放碑街道", "500103", "subdistrict"));
        assertThat(DIVISIONS.subdistrictsOf("500103")).hasSize(11)
                .isSortedAccordingTo((a, b) -> a.code().compareTo(b.code()))
                .extracting(Subdistrict::name).contains("解放碑街道", "大坪街道");
        assertThat(DIVISIONS.subdistrictsOf("999999")).isEmpty();
    }

    @Test
    void namesTheCityDistrictsAndSubdistrictsAndEchoesUnknownCodes() {
        assertThat(DIVISIONS.nameOf(Divisions.CITY_CODE)).isEqualTo("重庆市");
        assertThat(DIVISIONS.nameOf("500103")).isEqualTo("渝中区");
        assertThat(DIVISIONS.nameOf("500103003")).isEqualTo("解放碑街道");
        assertThat(DIVISIONS.nameOf("123")).isEqualTo("123");
        assertThat(DIVISIONS.describe("500103")).isEqualTo("500103 渝中区");
    }

    @Test
    void findsTheDistrictAnAddressNamesInFull() {
        assertThat(district("重庆市渝中区解放碑民族路188号")).contains("500103");
        assertThat(district("重庆市忠县忠州街道")).contains("500233");
        assertThat(district("重庆市渝北区江北国际机场T3航站楼")).contains("500112");
    }

    @Test
    void findsTheDistrictAnAddressNamesWithoutItsSuffixOrEthnicGroups() {
        assertThat(district("沙坪坝三峡广场")).contains("500106");
        assertThat(district("石柱南宾街道")).contains("500240");
        assertThat(district("彭水县汉葭街道")).contains("500243");
    }

    @Test
    void doesNotShortenADistrictNameToOneCharacter() {
        // 忠县 without 县 would be 忠, which is in far too many addresses (忠州 is a subdistrict name).
        assertThat(district("忠诚路12号")).isEmpty();
    }

    @Test
    void ignoresADistrictShortNameThatIsPartOfASubdistrictName() {
        // 江北街道 is in 涪陵区, not in 江北区.
        assertThat(district("江北街道滨江路")).isEmpty();
    }

    @Test
    void findsNoDistrictWhenTheAddressNamesTwoEquallyWell() {
        assertThat(district("渝中区与江北区之间的黄花园大桥")).isEmpty();
        assertThat(district(null)).isEmpty();
        assertThat(district(" ")).isEmpty();
    }

    @Test
    void findsTheSubdistrictAnAddressNamesInFullWithinItsDistrict() {
        assertThat(subdistrict("渝中区解放碑街道民族路188号", "500103")).contains("500103003");
    }

    @Test
    void findsTheSubdistrictAnAddressNamesWithoutItsSuffix() {
        assertThat(subdistrict("渝中区解放碑民族路188号", "500103")).contains("500103003");
    }

    @Test
    void prefersTheLongestNameAnAddressContains() {
        // Both 大坪 (大坪街道) and 石油路 (石油路街道) occur; the longer name is the more specific.
        assertThat(subdistrict("渝中区大坪石油路1号", "500103")).contains("500103014");
    }

    @Test
    void prefersAFullNameOverALongerShortName() {
        assertThat(subdistrict("渝中区大坪街道石油路1号", "500103")).contains("500103012");
    }

    @Test
    void searchesTheWholeCityWithoutADistrictButOnlyForAUniqueName() {
        assertThat(subdistrict("渝中区解放碑街道民族路188号", null)).contains("500103003");
        assertThat(subdistrict("江北街道滨江路", Divisions.CITY_CODE)).contains("500102009");
        // 龙沙镇 is in both 万州区 and 石柱县, 人和街道 in both 渝北区 and 云阳县.
        assertThat(subdistrict("龙沙镇政府", null)).isEmpty();
        assertThat(subdistrict("人和街道", null)).isEmpty();
        assertThat(subdistrict("龙沙镇政府", "500101")).contains("500101135");
        assertThat(subdistrict("人和街道", "500112")).contains("500112009");
    }

    @Test
    void findsNoSubdistrictWhenTwoInTheDistrictMatchEqually() {
        // 南岸区 has both 南坪街道 and 南坪镇; 南坪 alone names neither.
        assertThat(subdistrict("南岸区南坪万达广场", "500108")).isEmpty();
        assertThat(subdistrict("南岸区南坪镇政府", "500108")).contains("500108101");
    }

    @Test
    void doesNotTakePartOfADistrictNameForASubdistrict() {
        // 沙坪坝区 contains 沙坪 (沙坪镇, 垫江县), 坪坝 (坪坝镇, 城口县) and 沙坪坝 (沙坪坝街道).
        assertThat(subdistrict("重庆市沙坪坝区三峡广场", null)).isEmpty();
        // 江北区 contains 江北 (江北街道, 涪陵区), but 江北城 is 江北城街道.
        assertThat(subdistrict("重庆市江北区江北城大剧院", null)).contains("500105002");
    }

    @Test
    void findsNoSubdistrictInAnUnknownDistrictOrAnEmptyAddress() {
        assertThat(subdistrict("解放碑街道", "999999")).isEmpty();
        assertThat(subdistrict(null, "500103")).isEmpty();
    }

    @Test
    void stopsLoadingOnAWrongHeaderNamingFileAndLine() {
        Resource districts = csv("chongqing-districts.csv", "code,name,kind\n500103,渝中区,district\n");
        assertThatIllegalStateException()
                .isThrownBy(() -> new Divisions(districts, new ClassPathResource(Divisions.SUBDISTRICTS_CSV)))
                .withMessageContaining("chongqing-districts.csv line 1")
                .withMessageContaining("expected header 'code,name,name_en,kind'");
    }

    @Test
    void stopsLoadingOnASubdistrictOfAnUnknownDistrict() {
        Resource districts = csv("chongqing-districts.csv", "code,name,name_en,kind\n500103,渝中区,Yuzhong,district\n");
        Resource subdistricts = csv("chongqing-subdistricts.csv",
                "code,name,district_code,kind\n500103003,解放碑街道,500103,subdistrict\n500105002,江北城街道,500105,subdistrict\n");
        assertThatIllegalStateException()
                .isThrownBy(() -> new Divisions(districts, subdistricts))
                .withMessageContaining("chongqing-subdistricts.csv line 3")
                .withMessageContaining("unknown district 500105");
    }

    @Test
    void stopsLoadingOnAMissingFieldOrAnUnknownKind() {
        Resource subdistricts = new ClassPathResource(Divisions.SUBDISTRICTS_CSV);
        assertThatIllegalStateException()
                .isThrownBy(() -> new Divisions(csv("d.csv", "code,name,name_en,kind\n500103,渝中区,district\n"), subdistricts))
                .withMessageContaining("d.csv line 2: expected 4 fields but found 3");
        assertThatIllegalStateException()
                .isThrownBy(() -> new Divisions(csv("d.csv", "code,name,name_en,kind\n500103,渝中区,Yuzhong,city\n"), subdistricts))
                .withMessageContaining("d.csv line 2: district kind 'city'");
    }

    private static Optional<String> district(String address) {
        return DIVISIONS.findDistrictInAddress(address).map(District::code);
    }

    private static Optional<String> subdistrict(String address, String districtCode) {
        return DIVISIONS.findSubdistrictInAddress(address, districtCode).map(Subdistrict::code);
    }

    private static Resource csv(String filename, String content) {
        return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return filename;
            }
        };
    }
}
