package dev.videoplatform.edge;

import dev.videoplatform.gateway.DescriptorSet;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jboss.logging.Logger;

/** The contracts the edge serves: the descriptor set, its http rules, and JSON for its messages. */
@Singleton
public class EdgeContracts {

    private static final Logger LOG = Logger.getLogger(EdgeContracts.class);

    private final HttpRuleIndex rules;
    private final JsonTranscoder json;

    public EdgeContracts(EdgeConfig config) {
        DescriptorSet contracts = config.descriptorSet().map(path -> {
            try {
                return DescriptorSet.parse(Files.readAllBytes(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read edge.descriptor-set " + path, e);
            }
        }).orElseGet(DescriptorSet::platform);
        this.rules = HttpRuleIndex.of(contracts);
        this.json = new JsonTranscoder(contracts);
        LOG.infof("serving %d HTTP bindings of %s", rules.bindings().size(), rules.services());
    }

    public HttpRuleIndex rules() {
        return rules;
    }

    public JsonTranscoder json() {
        return json;
    }
}
