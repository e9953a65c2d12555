package io.mobility.compose;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The topics compose/init/create-topics.sh creates: its {@code create NAME PARTITIONS CLEANUP} lines. */
final class TopicScript {

    record Created(String name, int partitions, String cleanup) {}

    private static final Pattern CREATE = Pattern.compile("(?m)^create\\s+(\\S+)\\s+(\\d+)\\s+(delete|compact)\\s*$");

    private TopicScript() {}

    static Map<String, Created> topics() {
        Map<String, Created> topics = new LinkedHashMap<>();
        Matcher m = CREATE.matcher(Repo.read(Repo.COMPOSE.resolve("init/create-topics.sh")));
        while (m.find()) {
            topics.put(m.group(1), new Created(m.group(1), Integer.parseInt(m.group(2)), m.group(3)));
        }
        return topics;
    }
}
