package dev.videoplatform.platform.blob.graal;

import java.util.function.BooleanSupplier;

/** True when the optional AWS Common Runtime (aws-crt, native code) is not on the image's classpath. */
final class AwsCrtAbsent implements BooleanSupplier {

    @Override
    public boolean getAsBoolean() {
        try {
            Class.forName("software.amazon.awssdk.crt.CRT", false, AwsCrtAbsent.class.getClassLoader());
            return false;
        } catch (ClassNotFoundException e) {
            return true;
        }
    }
}
