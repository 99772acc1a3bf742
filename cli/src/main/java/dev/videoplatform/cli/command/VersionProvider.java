package dev.videoplatform.cli.command;

import picocli.CommandLine.IVersionProvider;

/** {@code vp --version}: the version the jar was built as. */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"vp " + (version == null ? "development build" : version)};
    }
}
