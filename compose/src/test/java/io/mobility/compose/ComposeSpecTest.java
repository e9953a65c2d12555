package io.mobility.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml is a valid Compose file: the Compose Specification's own JSON Schema accepts it. */
class ComposeSpecTest {

    private static JsonSchema schema() throws Exception {
        // Loaded by location: the schema's relative $id resolves against it.
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
    }

    private static JsonNode tree(String yaml) {
        return new ObjectMapper().valueToTree(new Yaml(new LoaderOptions()).load(yaml));
    }

    @Test
    void theComposeFileFollowsTheSpecification() throws Exception {
        Set<ValidationMessage> errors = schema().validate(tree(Repo.read(ComposeFile.FILE)));
        assertThat(errors).isEmpty();
    }

    @Test
    void theSchemaRefusesAMistakeComposeWouldRefuse() throws Exception {
        String broken = Repo.read(ComposeFile.FILE).replace("    depends_on:\n", "    depend_on:\n");
        assertThat(schema().validate(tree(broken)))
                .isNotEmpty()
                .anyMatch(m -> m.getMessage().contains("depend_on"));
    }
}
