package dev.backlog.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command group: invoking it without a subcommand is a usage error. */
abstract class Group implements Runnable {
    @Spec
    CommandSpec spec;
    protected final App app;

    Group(App app) {
        this.app = app;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand for '" + spec.qualifiedName() + "'");
    }
}
