package io.mobility.serve;

import io.mobility.events.Topics;
import io.mobility.platform.LocalPlatform;
import java.util.List;

/** One in-process broker and registry for every test class of this JVM that needs live zone state. */
public final class SharedPlatform {

    private static LocalPlatform platform;

    private SharedPlatform() {}

    public static synchronized LocalPlatform get() {
        if (platform == null) {
            platform = LocalPlatform.builder()
                    .partitions(1)
                    .topics(List.of(Topics.ZONE_STATE))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
        }
        return platform;
    }
}
