package org.civicflow.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Canonical JSON, so that the same details always give the same bytes (docs/audit.md, "Canonical JSON"). Close to
 * RFC 8785 (JCS):
 * <ul>
 *   <li>no whitespace outside strings; object members sorted by key, comparing UTF-16 code units (as
 *       {@link String#compareTo} does); array order kept;</li>
 *   <li>strings in double quotes; {@code "} and {@code \} escaped with a backslash; U+0008, U+0009, U+000A, U+000C,
 *       U+000D as {@code \b \t \n \f \r}; other characters below U+0020 as {@code \}{@code u00xx} (lower-case hex);
 *       everything else, including non-ASCII and {@code /}, as itself;</li>
 *   <li>{@code true}, {@code false}, {@code null};</li>
 *   <li>numbers: integers in decimal without sign for positives, exponent or leading zeros; other numbers as a plain
 *       decimal without exponent and without trailing zeros ({@code 29.5575}, {@code 0.001}) — this is where we
 *       differ from RFC 8785, which prints ECMAScript doubles; NaN and infinities are refused;</li>
 *   <li>the whole text encoded as UTF-8.</li>
 * </ul>
 * The verifier never re-canonicalises: it hashes the stored text, so a later change in how Java prints numbers
 * cannot break old entries.
 */
public final class CanonicalJson {

    /** Turns Java values (maps, lists, records, java.time values) into JSON trees; dates as ISO-8601 strings. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private CanonicalJson() {
    }

    /** The canonical text of any value Jackson can turn into JSON. */
    public static String of(Object value) {
        JsonNode node = value instanceof JsonNode n ? n : MAPPER.valueToTree(value);
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    /** Parses JSON text and returns it in canonical form. */
    public static String canonicalise(String json) {
        try {
            return of(MAPPER.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                names.sort(String::compareTo);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names.get(i), out);
                    out.append(':');
                    write(node.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                Iterator<JsonNode> items = node.elements();
                boolean first = true;
                while (items.hasNext()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(items.next(), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL, MISSING -> out.append("null");
            case NUMBER -> number(node, out);
            case BINARY, POJO -> string(node.asText(), out);
        }
    }

    private static void number(JsonNode node, StringBuilder out) {
        if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue().toString());
            return;
        }
        if (node.isDouble() || node.isFloat()) {
            double d = node.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("NaN and infinities have no JSON form");
            }
        }
        BigDecimal decimal = node.isBigDecimal() ? node.decimalValue() : new BigDecimal(Double.toString(node.doubleValue()));
        if (decimal.signum() == 0) {
            out.append('0');
            return;
        }
        out.append(decimal.stripTrailingZeros().toPlainString());
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
