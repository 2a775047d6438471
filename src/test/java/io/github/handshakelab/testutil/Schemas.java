package io.github.handshakelab.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/** Validates the CLI's JSON against the contract schemas (copies of ../shared/schema in test resources). */
public final class Schemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Schemas() {}

    /** The problems found, as sorted text; empty when {@code json} conforms to {@code schema} ("trace" or "conversations"). */
    public static Set<String> problems(String schema, String json) {
        try (InputStream in = Schemas.class.getResourceAsStream("/schema/" + schema + ".schema.json")) {
            ObjectNode node = (ObjectNode) MAPPER.readTree(in);
            // The shared schemas carry a relative $id that the validator refuses as a base IRI;
            // the id is only a name, so validating without it changes nothing.
            node.remove("$id");
            var compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
            JsonNode doc = MAPPER.readTree(json);
            Set<String> out = new TreeSet<>();
            for (ValidationMessage m : compiled.validate(doc)) out.add(m.getMessage());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
