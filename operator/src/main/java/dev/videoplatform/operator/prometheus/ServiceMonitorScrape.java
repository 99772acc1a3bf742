package dev.videoplatform.operator.prometheus;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;

/** {@code spec} of a ServiceMonitor: the Services (in its own namespace) and how to scrape them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceMonitorScrape {

    private LabelSelector selector;
    private List<Endpoint> endpoints = new ArrayList<>();

    public LabelSelector getSelector() {
        return selector;
    }

    public void setSelector(LabelSelector selector) {
        this.selector = selector;
    }

    public List<Endpoint> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    /** One scraped port of the selected Services, by its name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Endpoint {

        private String port;
        private String path;

        public Endpoint() {
        }

        public Endpoint(String port, String path) {
            this.port = port;
            this.path = path;
        }

        public String getPort() {
            return port;
        }

        public void setPort(String port) {
            this.port = port;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }
    }
}
