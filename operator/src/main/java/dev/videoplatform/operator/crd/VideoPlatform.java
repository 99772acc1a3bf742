package dev.videoplatform.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One installation of the platform: the operator turns it into every object the platform runs on. */
@Group("videoplatform.dev")
@Version("v1alpha1")
@ShortNames("vp")
// Object names are <name>-<service> and must stay valid DNS labels (63 characters).
@ValidationRule(value = "self.metadata.name.size() <= 40", message = "metadata.name must be at most 40 characters")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Services ready", jsonPath = ".status.servicesReady")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class VideoPlatform extends CustomResource<VideoPlatformSpec, VideoPlatformStatus> implements Namespaced {

    @Override
    protected VideoPlatformSpec initSpec() {
        return new VideoPlatformSpec();
    }
}
