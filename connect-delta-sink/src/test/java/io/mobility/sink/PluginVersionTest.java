package io.mobility.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The connector and its tasks report the version Maven built, which the worker shows for the plugin. */
class PluginVersionTest {

    private static final String BUILD_VERSION = System.getProperty("project.version");

    @Test
    void theConnectorAndItsTaskReportTheBuildsVersion() {
        assertThat(BUILD_VERSION).as("the build's version, passed by surefire").isNotBlank();
        assertThat(new DeltaSinkConnector().version()).isEqualTo(BUILD_VERSION);
        assertThat(new DeltaSinkTask().version()).isEqualTo(BUILD_VERSION);
    }
}
