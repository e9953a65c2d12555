package io.mobility.streams.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentValuesTest {

    private final Map<String, String> store = new HashMap<>();
    private final List<String> loads = new ArrayList<>();

    private String load(String key) {
        loads.add(key);
        return store.get(key);
    }

    @Test
    void readsTheStoreOnceThenServesTheKeptValue() {
        store.put("ride-1", "requested");
        RecentValues<String, String> recent = new RecentValues<>(10);

        assertEquals("requested", recent.get("ride-1", this::load));
        assertEquals("requested", recent.get("ride-1", this::load));

        assertEquals(List.of("ride-1"), loads);
    }

    @Test
    void aKeyTheStoreDoesNotHoldIsAskedForAgainNextTime() {
        RecentValues<String, String> recent = new RecentValues<>(10);

        assertNull(recent.get("ride-1", this::load));
        store.put("ride-1", "requested");

        assertEquals("requested", recent.get("ride-1", this::load));
        assertEquals(List.of("ride-1", "ride-1"), loads);
    }

    @Test
    void aWriteIsWhatTheNextReadSees() {
        store.put("ride-1", "requested");
        RecentValues<String, String> recent = new RecentValues<>(10);
        recent.get("ride-1", this::load);

        recent.put("ride-1", "assigned");

        assertEquals("assigned", recent.get("ride-1", this::load));
        assertEquals(List.of("ride-1"), loads);
    }

    @Test
    void beyondCapacityTheLeastRecentlyUsedKeyIsReadFromTheStoreAgain() {
        store.put("a", "1");
        store.put("b", "2");
        store.put("c", "3");
        RecentValues<String, String> recent = new RecentValues<>(2);
        recent.get("a", this::load);
        recent.get("b", this::load);
        recent.get("a", this::load); // a is now the most recently used
        recent.get("c", this::load); // drops b

        loads.clear();
        recent.get("a", this::load);
        recent.get("c", this::load);
        recent.get("b", this::load);

        assertEquals(List.of("b"), loads);
        assertEquals(2, recent.size());
    }

    @Test
    void clearForgetsEverything() {
        store.put("a", "1");
        RecentValues<String, String> recent = new RecentValues<>(2);
        recent.get("a", this::load);

        recent.clear();
        store.put("a", "2");

        assertEquals("2", recent.get("a", this::load));
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new RecentValues<String, String>(0));
    }
}
