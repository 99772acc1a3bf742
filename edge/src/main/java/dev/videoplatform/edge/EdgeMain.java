package dev.videoplatform.edge;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The edge's entry point. Quarkus answers a request target {@link java.net.URI} refuses (such as
 * {@code ?q=%zz}) with an empty 400 before any route; the edge turns that check off, before
 * Quarkus reads the switch at start-up, so that {@link RequestTargetCheck} answers those requests
 * with its JSON errors instead.
 */
@QuarkusMain
public class EdgeMain {

    /** Read once, when Quarkus' HTTP recorder loads; tests set it in the Surefire configuration. */
    static final String DISABLE_QUARKUS_URI_CHECK = "vertx.disableURIValidation";

    public static void main(String... args) {
        System.setProperty(DISABLE_QUARKUS_URI_CHECK, "true");
        Quarkus.run(args);
    }
}
