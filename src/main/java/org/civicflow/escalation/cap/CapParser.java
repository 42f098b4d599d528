package org.civicflow.escalation.cap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.civicflow.escalation.GeoPoint;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses OASIS CAP 1.2 alerts from outside (the meteorological service, other agencies) into {@link CapAlert}s.
 *
 * <p>The XML is hostile until proven otherwise: the JDK's own DOM parser runs with secure processing, DOCTYPE
 * declarations refused outright (so no DTDs, no internal or external entities, no entity expansion), no external
 * access and no XInclude, and input beyond {@value #MAX_BYTES} bytes is refused. Every problem found is reported as a
 * {@link FieldError} in one {@link CapValidationException}; nothing surfaces as a NullPointerException.
 */
@Component
public class CapParser {

    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    /** Real alerts are a few kilobytes; polygons with many vertices stay well below this. */
    public static final int MAX_BYTES = 1 << 20;

    // CAP 1.2 §3.3.2: dateTime with an explicit offset ("-00:00" for UTC; "Z" accepted too, as some senders use it).
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([+-]\\d{2}:\\d{2}|Z)");
    // identifier and sender: no spaces, commas or restricted characters (< &)
    private static final Pattern TOKEN = Pattern.compile("[^\\s,<&]+");

    private final DocumentBuilderFactory factory = secureFactory();

    public CapAlert parse(String xml) {
        if (xml == null) {
            throw refused("alert", "no XML given");
        }
        return parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    public CapAlert parse(InputStream in) {
        if (in == null) {
            throw refused("alert", "no XML given");
        }
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            return parse(bytes);
        } catch (IOException e) {
            throw refused("alert", "cannot be read: " + e.getMessage());
        }
    }

    public CapAlert parse(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw refused("alert", "no XML given");
        }
        if (xml.length > MAX_BYTES) {
            throw refused("alert", "larger than " + MAX_BYTES + " bytes");
        }
        Document document = read(xml);
        return new Reader().alert(document.getDocumentElement());
    }

    private Document read(byte[] xml) {
        try {
            DocumentBuilder builder;
            synchronized (factory) { // a factory is not guaranteed thread-safe; a builder is used by this call only
                builder = factory.newDocumentBuilder();
            }
            builder.setErrorHandler(RAISE);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity '" + systemId + "' refused");
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw refused("alert", describe(e) + " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")");
        } catch (SAXException | IOException e) {
            throw refused("alert", describe(e));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE") || message.contains("external entity")) {
            return "refused: DOCTYPE declarations (DTDs, entities) are not allowed in an alert";
        }
        return "not well-formed XML: " + message;
    }

    private static CapValidationException refused(String field, String message) {
        return new CapValidationException(List.of(new FieldError(field, message)));
    }

    private static DocumentBuilderFactory secureFactory() {
        // the JDK's built-in implementation, whatever else is on the classpath, so the features below are honoured
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be secured", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setValidating(false);
        return f;
    }

    private static final ErrorHandler RAISE = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a document unusable
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /** Reads one document, collecting every problem instead of stopping at the first. */
    private static final class Reader {

        private final List<FieldError> errors = new ArrayList<>();

        CapAlert alert(Element root) {
            if (!NAMESPACE.equals(root.getNamespaceURI()) || !"alert".equals(root.getLocalName())) {
                throw refused("alert", "the root element must be <alert> in the CAP 1.2 namespace " + NAMESPACE
                        + ", not <" + root.getLocalName() + "> in " + root.getNamespaceURI());
            }
            String identifier = token(root, "identifier");
            String sender = token(root, "sender");
            OffsetDateTime sent = dateTime(root, "sent", "sent", true);
            CapAlert.Status status = code(root, "status", "status", CapAlert.Status.class);
            CapAlert.MsgType msgType = code(root, "msgType", "msgType", CapAlert.MsgType.class);
            CapAlert.Scope scope = code(root, "scope", "scope", CapAlert.Scope.class);
            if (scope == CapAlert.Scope.RESTRICTED && text(root, "restriction") == null) {
                errors.add(new FieldError("restriction", "required when scope is Restricted"));
            }
            if (scope == CapAlert.Scope.PRIVATE && text(root, "addresses") == null) {
                errors.add(new FieldError("addresses", "required when scope is Private"));
            }
            List<CapReference> references = references(text(root, "references"));
            if (msgType != null && msgType.refersToEarlierAlerts() && references.isEmpty()) {
                errors.add(new FieldError("references", "required for msgType " + msgType.code()
                        + ": which earlier alert (sender,identifier,sent) it concerns"));
            }
            List<CapInfo> infos = new ArrayList<>();
            List<Element> infoElements = children(root, "info");
            for (int i = 0; i < infoElements.size(); i++) {
                infos.add(info(infoElements.get(i), "info[" + i + "]"));
            }
            if (!errors.isEmpty()) {
                throw new CapValidationException(errors);
            }
            return new CapAlert(identifier, sender, sent, status, msgType, scope, text(root, "source"), text(root, "note"),
                    references, infos);
        }

        private CapInfo info(Element info, String path) {
            List<CapInfo.Category> categories = new ArrayList<>();
            List<Element> categoryElements = children(info, "category");
            if (categoryElements.isEmpty()) {
                errors.add(new FieldError(path + ".category", "required (at least one)"));
            }
            for (int i = 0; i < categoryElements.size(); i++) {
                CapInfo.Category category = codeOf(categoryElements.get(i).getTextContent().strip(),
                        path + ".category[" + i + "]", CapInfo.Category.class);
                if (category != null) {
                    categories.add(category);
                }
            }
            String event = required(info, "event", path + ".event");
            CapInfo.Urgency urgency = code(info, "urgency", path + ".urgency", CapInfo.Urgency.class);
            CapInfo.Severity severity = code(info, "severity", path + ".severity", CapInfo.Severity.class);
            CapInfo.Certainty certainty = code(info, "certainty", path + ".certainty", CapInfo.Certainty.class);
            OffsetDateTime effective = dateTime(info, "effective", path + ".effective", false);
            OffsetDateTime onset = dateTime(info, "onset", path + ".onset", false);
            OffsetDateTime expires = dateTime(info, "expires", path + ".expires", false);
            OffsetDateTime start = onset != null ? onset : effective;
            if (expires != null && start != null && !expires.isAfter(start)) {
                errors.add(new FieldError(path + ".expires", "must be after " + (onset != null ? "onset" : "effective")));
            }
            List<CapArea> areas = new ArrayList<>();
            List<Element> areaElements = children(info, "area");
            for (int i = 0; i < areaElements.size(); i++) {
                areas.add(area(areaElements.get(i), path + ".area[" + i + "]"));
            }
            String language = text(info, "language");
            return new CapInfo(language == null ? "en-US" : language, categories, event, urgency, severity, certainty,
                    effective, onset, expires, text(info, "senderName"), text(info, "headline"), text(info, "description"),
                    text(info, "instruction"), values(info, "eventCode", path), values(info, "parameter", path), areas);
        }

        private CapArea area(Element area, String path) {
            String areaDesc = required(area, "areaDesc", path + ".areaDesc");
            List<List<GeoPoint>> polygons = new ArrayList<>();
            List<Element> polygonElements = children(area, "polygon");
            for (int i = 0; i < polygonElements.size(); i++) {
                List<GeoPoint> ring = polygon(polygonElements.get(i).getTextContent(), path + ".polygon[" + i + "]");
                if (ring != null) {
                    polygons.add(ring);
                }
            }
            List<CapCircle> circles = new ArrayList<>();
            List<Element> circleElements = children(area, "circle");
            for (int i = 0; i < circleElements.size(); i++) {
                CapCircle circle = circle(circleElements.get(i).getTextContent(), path + ".circle[" + i + "]");
                if (circle != null) {
                    circles.add(circle);
                }
            }
            return new CapArea(areaDesc, polygons, circles, values(area, "geocode", path));
        }

        // CAP 1.2 §3.2.4: "a paired set of coordinates, ... first and last pairs must be the same", at least 4 pairs
        private List<GeoPoint> polygon(String text, String path) {
            String[] pairs = text.strip().split("\\s+");
            if (pairs.length < 4) {
                errors.add(new FieldError(path, "needs at least 4 points \"lat,lon\" (a closed ring), has " + pairs.length));
                return null;
            }
            List<GeoPoint> ring = new ArrayList<>();
            for (String pair : pairs) {
                GeoPoint point = point(pair, path);
                if (point == null) {
                    return null;
                }
                ring.add(point);
            }
            if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
                errors.add(new FieldError(path, "is not closed: the first and last points must be the same"));
                return null;
            }
            return ring;
        }

        // CAP 1.2 §3.2.4: "lat,lon radius" with the radius in kilometres
        private CapCircle circle(String text, String path) {
            String[] parts = text.strip().split("\\s+");
            if (parts.length != 2) {
                errors.add(new FieldError(path, "must be \"lat,lon radius\" (radius in km)"));
                return null;
            }
            GeoPoint centre = point(parts[0], path);
            double radius;
            try {
                radius = Double.parseDouble(parts[1]);
            } catch (NumberFormatException e) {
                errors.add(new FieldError(path, "radius '" + parts[1] + "' is not a number"));
                return null;
            }
            if (centre == null) {
                return null;
            }
            if (!(radius >= 0)) {
                errors.add(new FieldError(path, "radius cannot be negative"));
                return null;
            }
            return new CapCircle(centre, radius);
        }

        private GeoPoint point(String pair, String path) {
            String[] latLon = pair.split(",");
            try {
                if (latLon.length != 2) {
                    throw new IllegalArgumentException("'" + pair + "' is not \"lat,lon\"");
                }
                return new GeoPoint(Double.parseDouble(latLon[0]), Double.parseDouble(latLon[1]));
            } catch (NumberFormatException e) {
                errors.add(new FieldError(path, "'" + pair + "' is not \"lat,lon\" in decimal degrees"));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(path, e.getMessage()));
            }
            return null;
        }

        private List<CapValue> values(Element parent, String name, String path) {
            List<CapValue> values = new ArrayList<>();
            List<Element> elements = children(parent, name);
            for (int i = 0; i < elements.size(); i++) {
                String at = path + "." + name + "[" + i + "]";
                String valueName = required(elements.get(i), "valueName", at + ".valueName");
                String value = required(elements.get(i), "value", at + ".value");
                if (valueName != null && value != null) {
                    values.add(new CapValue(valueName, value));
                }
            }
            return values;
        }

        private List<CapReference> references(String text) {
            List<CapReference> references = new ArrayList<>();
            if (text == null) {
                return references;
            }
            String[] entries = text.split("\\s+");
            for (int i = 0; i < entries.length; i++) {
                String[] parts = entries[i].split(",", -1);
                String path = "references[" + i + "]";
                if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
                    errors.add(new FieldError(path, "'" + entries[i] + "' is not \"sender,identifier,sent\""));
                    continue;
                }
                OffsetDateTime sent = parseDateTime(parts[2], path);
                if (sent != null) {
                    references.add(new CapReference(parts[0], parts[1], sent));
                }
            }
            return references;
        }

        private String token(Element parent, String name) {
            String value = required(parent, name, name);
            if (value != null && !TOKEN.matcher(value).matches()) {
                errors.add(new FieldError(name, "must not contain spaces, commas, < or &"));
                return null;
            }
            return value;
        }

        private String required(Element parent, String name, String path) {
            String value = text(parent, name);
            if (value == null) {
                errors.add(new FieldError(path, "required"));
            }
            return value;
        }

        private OffsetDateTime dateTime(Element parent, String name, String path, boolean required) {
            String value = required ? required(parent, name, path) : text(parent, name);
            return value == null ? null : parseDateTime(value, path);
        }

        private OffsetDateTime parseDateTime(String value, String path) {
            if (!DATE_TIME.matcher(value).matches()) {
                errors.add(new FieldError(path, "'" + value + "' is not a date-time with a time-zone offset, e.g. 2025-07-10T06:30:00+08:00"));
                return null;
            }
            try {
                return OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(path, "'" + value + "' is not a valid date-time"));
                return null;
            }
        }

        private <E extends Enum<E> & CapCode> E code(Element parent, String name, String path, Class<E> type) {
            String value = required(parent, name, path);
            return value == null ? null : codeOf(value, path, type);
        }

        private <E extends Enum<E> & CapCode> E codeOf(String value, String path, Class<E> type) {
            for (E constant : type.getEnumConstants()) {
                if (constant.code().equals(value)) {
                    return constant;
                }
            }
            errors.add(new FieldError(path, "'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(CapCode::code).toList()));
            return null;
        }

        /** The trimmed text of the first child element of that name in the CAP namespace; {@code null} if absent or blank. */
        private static String text(Element parent, String name) {
            List<Element> found = children(parent, name);
            if (found.isEmpty()) {
                return null;
            }
            String text = found.get(0).getTextContent().strip();
            return text.isEmpty() ? null : text;
        }

        private static List<Element> children(Element parent, String name) {
            List<Element> found = new ArrayList<>();
            for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && NAMESPACE.equals(element.getNamespaceURI())
                        && name.equals(element.getLocalName())) {
                    found.add(element);
                }
            }
            return found;
        }
    }
}
