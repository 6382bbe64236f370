package io.sparkinfer.engine.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** One `bin/sparkinfer` sub-command. */
interface Command {

    /** The word after `bin/sparkinfer`, e.g. {@code inspect}. */
    String name();

    /** One line: what the command does. */
    String summary();

    /** The usage text printed by {@code --help} and after a usage error. */
    String usage();

    /** The options this command accepts (without the leading dashes); anything else is a usage error. */
    java.util.Set<String> options();

    /** Runs the command; returns the process exit code. Throws {@link UsageException} for bad arguments. */
    int run(CliArgs args, InputStream in, PrintStream out, PrintStream err) throws Exception;
}
