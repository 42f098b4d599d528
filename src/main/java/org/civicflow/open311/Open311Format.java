package org.civicflow.open311;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes Open311 GeoReport v2 responses in either format from one tree of maps and lists. JSON is the tree as it is;
 * XML names a list's elements after the list ({@code services} → {@code service}, {@code service_requests} →
 * {@code request}, …) as the spec's examples do. Null values are left out of both.
 */
final class Open311Format {

    static final MediaType XML = MediaType.parseMediaType("text/xml;charset=UTF-8");
    static final MediaType JSON = MediaType.parseMediaType("application/json;charset=UTF-8");

    private static final Map<String, String> ITEM_NAMES = Map.of("services", "service", "service_requests", "request",
            "attributes", "attribute", "values", "value", "endpoints", "endpoint", "formats", "format", "errors", "error");
    private static final XMLOutputFactory XML_OUTPUT = XMLOutputFactory.newFactory();

    private Open311Format() {
    }

    static boolean isKnown(String format) {
        return "json".equals(format) || "xml".equals(format);
    }

    /**
     * @param root the XML root element (for a list, the list's name); JSON has no root
     */
    static ResponseEntity<String> render(HttpStatus status, String format, String root, Object tree, ObjectMapper json) {
        if ("xml".equals(format)) {
            return ResponseEntity.status(status).contentType(XML).body(xml(root, tree));
        }
        try {
            return ResponseEntity.status(status).contentType(JSON).body(json.writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String xml(String root, Object tree) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML_OUTPUT.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            element(xml, root, tree);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        xml.writeStartElement(name);
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                element(xml, e.getKey().toString(), e.getValue());
            }
        } else if (value instanceof List<?> list) {
            String item = ITEM_NAMES.getOrDefault(name, "item");
            for (Object o : list) {
                element(xml, item, o);
            }
        } else {
            xml.writeCharacters(value.toString());
        }
        xml.writeEndElement();
    }
}
