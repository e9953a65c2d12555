package io.mobility.serve.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mobility.serve.error.ApiException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestObjectTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RequestObject body(String json) throws Exception {
        return RequestObject.of(JSON.readTree(json), "", Set.of("hour"));
    }

    @Test
    void plainUtcInstantsReadAsJavaTimeReadsThem() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            // 1970..2100, leap days and month ends included
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L));
            String text = DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
            assertEquals(Instant.parse(text), RequestObject.plainUtc(text), text);
        }
        assertEquals(Instant.parse("2028-02-29T23:59:59Z"), RequestObject.plainUtc("2028-02-29T23:59:59Z"));
    }

    @Test
    void otherFormsGoThroughJavaTime() throws Exception {
        for (String text : new String[] {"2026-11-27T08:00:00.5Z", "2026-11-27T08:00:00+01:00", "2026-11-27T08:00Z"}) {
            assertNull(RequestObject.plainUtc(text), text);
        }
        assertEquals(
                Instant.parse("2026-11-27T07:00:00Z"),
                body("{\"hour\": \"2026-11-27T08:00:00+01:00\"}").requireInstant("hour"));
        // java.time reads 24:00 as the next midnight; the fast path leaves that to it
        assertNull(RequestObject.plainUtc("2026-11-27T24:00:00Z"));
        assertEquals(
                Instant.parse("2026-11-28T00:00:00Z"),
                body("{\"hour\": \"2026-11-27T24:00:00Z\"}").requireInstant("hour"));
        assertEquals(
                Instant.parse("2026-11-27T08:00:00.500Z"),
                body("{\"hour\": \"2026-11-27T08:00:00.5Z\"}").requireInstant("hour"));
    }

    @Test
    void impossibleDatesAreRefusedNamingTheField() throws Exception {
        for (String text : new String[] {
            "2026-02-29T08:00:00Z",
            "2026-13-01T08:00:00Z",
            "2026-11-27T08:60:00Z",
            "2026-11-2xT08:00:00Z",
            "2026-11-27 08:00:00Z"
        }) {
            assertNull(RequestObject.plainUtc(text), text);
            ApiException e = assertThrows(
                    ApiException.class,
                    () -> body("{\"hour\": \"" + text + "\"}").requireInstant("hour"),
                    text);
            assertTrue(e.getMessage().contains("hour") && e.getMessage().contains(text), e.getMessage());
        }
    }
}
