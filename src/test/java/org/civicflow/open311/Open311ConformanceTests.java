package org.civicflow.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.civicflow.CivicflowTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Open311 GeoReport v2 conformance over real HTTP: every endpoint in both formats, with the spec's element names,
 * ISO 8601 times with a zone, and errors as a list of {code, description}.
 */
@CivicflowTest
class Open311ConformanceTests {

    static final String KEY = "demo-open311-key";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    record Reply(int status, HttpHeaders headers, String body) {
        List<Map<String, Object>> jsonList() throws Exception {
            return JSON.readValue(body, List.class);
        }

        Map<String, Object> jsonObject() throws Exception {
            return JSON.readValue(body, Map.class);
        }

        Element xml() throws Exception {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            return d.getDocumentElement();
        }
    }

    @Test
    void discoveryNamesTheEndpointAndBothFormats() throws Exception {
        Reply json = get("/open311/v2/discovery.json");
        assertThat(json.status()).isEqualTo(200);
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) json.jsonObject().get("endpoints");
        assertThat(endpoints.get(0)).containsEntry("specification", "http://wiki.open311.org/GeoReport_v2")
                .containsEntry("formats", List.of("text/xml", "application/json"));

        Element xml = get("/open311/v2/discovery.xml").xml();
        assertThat(xml.getTagName()).isEqualTo("discovery");
        assertThat(text(xml, "specification")).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(xml.getElementsByTagName("format").getLength()).isEqualTo(2);
    }

    @Test
    void servicesListTheCatalogueWithGroupsInBothFormats() throws Exception {
        Reply json = get("/open311/v2/services.json?jurisdiction_id=cq.gov.cn");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.headers().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        List<Map<String, Object>> services = json.jsonList();
        assertThat(services).hasSize(14);
        assertThat(services).filteredOn(s -> "heat-relief".equals(s.get("service_code"))).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("metadata", true).containsEntry("type", "realtime")
                        .containsEntry("group", "民生保障 Welfare").containsKeys("service_name", "description", "keywords"));

        Reply xmlReply = get("/open311/v2/services.xml");
        assertThat(xmlReply.headers().getContentType().isCompatibleWith(MediaType.TEXT_XML)).isTrue();
        Element xml = xmlReply.xml();
        assertThat(xml.getTagName()).isEqualTo("services");
        assertThat(xml.getElementsByTagName("service").getLength()).isEqualTo(14);
        assertThat(text(xml, "service_code")).isEqualTo("consultation");
    }

    @Test
    void aServiceDefinitionListsItsAttributesInBothFormats() throws Exception {
        Map<String, Object> json = get("/open311/v2/services/heat-relief.json").jsonObject();
        assertThat(json).containsEntry("service_code", "heat-relief");
        List<Map<String, Object>> attributes = (List<Map<String, Object>>) json.get("attributes");
        assertThat(attributes).extracting(a -> a.get("code")).containsExactly("dangerToLife", "vulnerable");
        assertThat(attributes.get(1)).containsEntry("datatype", "singlevaluelist").containsEntry("variable", true)
                .containsEntry("required", false).containsEntry("order", 2);
        assertThat((List<Map<String, Object>>) attributes.get(1).get("values")).extracting(v -> v.get("key"))
                .contains("elderly-alone", "infant");

        Element xml = get("/open311/v2/services/noise.xml").xml();
        assertThat(xml.getTagName()).isEqualTo("service_definition");
        assertThat(xml.getElementsByTagName("attribute").getLength()).isEqualTo(1);
        assertThat(text(xml, "code")).isEqualTo("dangerToLife");
        assertThat(xml.getElementsByTagName("value").getLength()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void aRequestPostedWithAKeyBecomesACaseFoundByIdTokenAndQuery(String format) throws Exception {
        MultiValueMap<String, String> form = form("api_key", KEY, "service_code", "noise", "lat", "29.5575", "long", "106.5770",
                "address_string", "渝中区解放碑街道民族路188号", "description", "工地夜间施工 Night-time construction",
                "first_name", "三", "last_name", "张", "email", "zhang@example.org", "attribute[dangerToLife]", "false");

        Reply created = post("/open311/v2/requests." + format, form);

        assertThat(created.status()).isEqualTo(200);
        String id;
        String token;
        if (format.equals("json")) {
            Map<String, Object> first = created.jsonList().get(0);
            id = (String) first.get("service_request_id");
            token = (String) first.get("token");
        } else {
            Element xml = created.xml();
            assertThat(xml.getTagName()).isEqualTo("service_requests");
            id = text(xml, "service_request_id");
            token = text(xml, "token");
        }
        assertThat(id).matches("CQ-\\d{4}-\\d{6}");

        Reply byToken = get("/open311/v2/tokens/" + token + "." + format);
        assertThat(byToken.body()).contains(id);

        Reply byId = get("/open311/v2/requests/" + id + "." + format);
        assertThat(byId.status()).isEqualTo(200);
        Map<String, String> request = format.equals("json") ? strings(byId.jsonList().get(0)) : children(byId.xml(), "request");
        assertThat(request).containsEntry("service_request_id", id).containsEntry("status", "open")
                .containsEntry("service_code", "noise").containsEntry("agency_responsible", "渝中区解放碑街道")
                .containsEntry("address", "渝中区解放碑街道民族路188号").containsKeys("lat", "long", "status_notes");
        assertThat(request.get("description")).isEqualTo("工地夜间施工 Night-time construction");
        OffsetDateTime requested = OffsetDateTime.parse(request.get("requested_datetime"));
        OffsetDateTime expected = OffsetDateTime.parse(request.get("expected_datetime"));
        assertThat(request.get("requested_datetime")).endsWith("+08:00");
        assertThat(expected).isAfter(requested.plusDays(14)); // complaint: 15 working days
        assertThat(request).doesNotContainKeys("email", "first_name", "phone");

        Reply query = get("/open311/v2/requests." + format + "?service_code=noise&status=open");
        assertThat(query.body()).contains(id);
        Reply closed = get("/open311/v2/requests." + format + "?service_code=noise&status=closed");
        assertThat(closed.body()).doesNotContain(id);
        Reply two = get("/open311/v2/requests." + format + "?service_request_id=" + id + ",CQ-1999-000001");
        assertThat(two.body()).contains(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void aMissingOrWrongApiKeyIsA403(String format) throws Exception {
        MultiValueMap<String, String> form = form("service_code", "noise", "lat", "29.5575", "long", "106.5770",
                "description", "太吵");
        Reply missing = post("/open311/v2/requests." + format, form);
        assertError(missing, format, 403);
        form.set("api_key", "guessed");
        assertError(post("/open311/v2/requests." + format, form), format, 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void badInputIsA400ListingEveryProblem(String format) throws Exception {
        MultiValueMap<String, String> form = form("api_key", KEY, "service_code", "parking", "lat", "30.66", "long", "104.06",
                "description", "x".repeat(4001), "email", "nope");
        Reply reply = post("/open311/v2/requests." + format, form);
        assertError(reply, format, 400);
        assertThat(reply.body()).contains("service_code").contains("long").contains("email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void unknownRequestsServicesTokensAndJurisdictionsAre404s(String format) throws Exception {
        assertError(get("/open311/v2/requests/CQ-1999-000001." + format), format, 404);
        assertError(get("/open311/v2/services/parking." + format), format, 404);
        assertError(get("/open311/v2/tokens/nope." + format), format, 404);
        assertError(get("/open311/v2/services." + format + "?jurisdiction_id=bj.gov.cn"), format, 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "xml"})
    void queriesOverNinetyDaysOrWithBadParametersAre400s(String format) throws Exception {
        assertError(get("/open311/v2/requests." + format + "?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"),
                format, 400);
        assertError(get("/open311/v2/requests." + format + "?status=pending"), format, 400);
        assertError(get("/open311/v2/requests." + format + "?start_date=yesterday"), format, 400);
        Reply window = get("/open311/v2/requests." + format + "?start_date=2020-01-01T00:00:00%2B08:00");
        assertThat(window.status()).isEqualTo(200);
    }

    @Test
    void aPostThatIsNotFormEncodedIsA400() throws Exception {
        Reply reply = exchange(RestClient.create("http://localhost:" + port).post().uri("/open311/v2/requests.json?api_key=" + KEY)
                .contentType(MediaType.APPLICATION_JSON).body("{\"service_code\":\"noise\"}"));
        assertError(reply, "json", 400);
    }

    @Test
    void anUnknownFormatIsA404() throws Exception {
        assertThat(get("/open311/v2/services.csv").status()).isEqualTo(404);
    }

    private void assertError(Reply reply, String format, int status) throws Exception {
        assertThat(reply.status()).isEqualTo(status);
        if (format.equals("json")) {
            assertThat(reply.jsonList()).isNotEmpty().allSatisfy(e -> {
                assertThat(e.get("code")).isEqualTo(status);
                assertThat((String) e.get("description")).isNotBlank();
            });
        } else {
            Element xml = reply.xml();
            assertThat(xml.getTagName()).isEqualTo("errors");
            assertThat(xml.getElementsByTagName("error").getLength()).isPositive();
            assertThat(text(xml, "code")).isEqualTo(String.valueOf(status));
        }
    }

    private static String text(Element root, String tag) {
        return root.getElementsByTagName(tag).item(0).getTextContent();
    }

    private static Map<String, String> children(Element root, String tag) {
        Element element = (Element) root.getElementsByTagName(tag).item(0);
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (org.w3c.dom.Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                map.put(e.getTagName(), e.getTextContent());
            }
        }
        return map;
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static MultiValueMap<String, String> form(String... pairs) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.set(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private Reply get(String uri) {
        return exchange(RestClient.create("http://localhost:" + port).get().uri(java.net.URI.create("http://localhost:" + port + uri)));
    }

    private Reply post(String uri, MultiValueMap<String, String> form) {
        return exchange(RestClient.create("http://localhost:" + port).post().uri(uri)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form));
    }

    private static Reply exchange(RestClient.RequestHeadersSpec<?> spec) {
        return spec.exchange((req, res) -> new Reply(res.getStatusCode().value(), res.getHeaders(),
                new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }
}
