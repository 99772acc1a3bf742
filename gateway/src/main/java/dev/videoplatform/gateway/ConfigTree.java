package dev.videoplatform.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Envoy configuration as plain maps and lists (in insertion order), and its YAML form. */
final class ConfigTree {

    private ConfigTree() {
    }

    /** An object from alternating keys and values; {@code null} values are left out. */
    static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                object.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return object;
    }

    /** The {@code typed_config} wrapper: {@code @type} first, then the message's fields. */
    static Map<String, Object> typed(String messageType, Map<String, Object> fields) {
        Map<String, Object> typed = object("@type", "type.googleapis.com/" + messageType);
        typed.putAll(fields);
        return typed;
    }

    static String toYaml(Map<String, Object> root) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        // Long base64 descriptors and regexes stay on one line; shared sub-trees are written out
        // in full rather than as YAML anchors, which are legal but confuse readers of envoy.yaml.
        options.setSplitLines(false);
        options.setDereferenceAliases(true);
        return new Yaml(options).dump(root);
    }
}
