package io.mobility.serve.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.mobility.serve.error.ApiException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object from a request body, read field by field so that every refusal names the field (with its path
 * inside a batch, e.g. {@code items[3].zone_id}) and says why.
 */
public final class RequestObject {

    private final JsonNode node;
    private final String prefix;

    private RequestObject(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** The body itself, or the element at {@code path}; anything but a JSON object is refused. */
    public static RequestObject of(JsonNode node, String path, Set<String> allowedFields) {
        String name = path.isEmpty() ? "body" : path;
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw ApiException.missing(name);
        }
        if (!node.isObject()) {
            throw ApiException.invalid(
                    name,
                    "must be a JSON object, got " + node.getNodeType().name().toLowerCase());
        }
        RequestObject object = new RequestObject(node, path.isEmpty() ? "" : path + ".");
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!allowedFields.contains(field)) {
                throw ApiException.invalid(object.name(field), "unknown field; expected one of " + allowedFields);
            }
        }
        return object;
    }

    public String name(String field) {
        return prefix + field;
    }

    public JsonNode get(String field) {
        return node.get(field);
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** A required identifier: a non-blank string, or an integer (zone ids are often written as numbers). */
    public String requireId(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.missing(name(field));
        }
        if (value.isTextual() && !value.asText().isBlank() && value.asText().length() <= 64) {
            return value.asText().trim();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Long.toString(value.asLong());
        }
        throw ApiException.invalid(
                name(field), "must be a non-blank string of at most 64 characters, got " + brief(value));
    }

    public String requireText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.missing(name(field));
        }
        if (!value.isTextual()) {
            throw ApiException.invalid(name(field), "must be a string, got " + brief(value));
        }
        return value.asText();
    }

    public Instant requireInstant(String field) {
        return instant(field, requireText(field));
    }

    public Optional<Instant> optionalInstant(String field) {
        return has(field) ? Optional.of(requireInstant(field)) : Optional.empty();
    }

    private Instant instant(String field, String text) {
        Instant utc = plainUtc(text);
        if (utc != null) {
            return utc;
        }
        try {
            // ISO_OFFSET_DATE_TIME is built once; Instant.parse builds a formatter on every call (a hot path here).
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME
                    .parse(text, OffsetDateTime::from)
                    .toInstant();
        } catch (DateTimeParseException notOffsetDateTime) {
            // falls through to Instant.parse, the reference for what is accepted
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(
                    name(field),
                    "must be an ISO-8601 UTC instant such as 2026-11-27T08:00:00Z, got '" + abbreviate(text) + "'");
        }
    }

    /**
     * The form nearly every client sends, {@code 2026-11-27T08:00:00Z}, read digit by digit: java.time's resolving
     * parser was more than half of a demand prediction's CPU. Anything else (fractions, offsets, invalid dates)
     * returns null and goes through java.time, which stays the reference for what is accepted.
     */
    static Instant plainUtc(String text) {
        if (text.length() != 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    }

    /** The decimal value of {@code length} ASCII digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static String brief(JsonNode value) {
        String type = value.getNodeType().name().toLowerCase();
        return value.isContainerNode() ? type : type + " " + abbreviate(value.toString());
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
