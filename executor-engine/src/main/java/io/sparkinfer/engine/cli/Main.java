package io.sparkinfer.engine.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of `bin/sparkinfer`: dispatches to one {@link Command}.
 * Exit codes: 0 success, 1 the command failed (message on stderr), 2 bad usage.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] argv) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        int code = run(argv, System.in, out, System.err);
        out.flush();
        System.exit(code);
    }

    static Map<String, Command> commands() {
        Map<String, Command> all = new LinkedHashMap<>();
        for (Command c : List.<Command>of(new InspectCommand(), new TokenizeCommand(), new LogitsCommand(),
                new GenerateCommand(), new BenchCommand(), new MakeTinyModelCommand())) {
            all.put(c.name(), c);
        }
        return all;
    }

    /** Runs one command line in this JVM with the given streams; returns the exit code (used by tests too). */
    public static int run(String[] argv, InputStream in, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            printHelp(commands, argv.length == 0 ? err : out);
            return argv.length == 0 ? USAGE : OK;
        }
        Command command = commands.get(argv[0]);
        if (command == null) {
            err.println("sparkinfer: unknown command '" + argv[0] + "'");
            printHelp(commands, err);
            return USAGE;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(command.usage());
            return OK;
        }
        try {
            return command.run(CliArgs.parse(command.name(), rest, command.options()), in, out, err);
        } catch (UsageException e) {
            err.println("sparkinfer " + command.name() + ": " + e.getMessage());
            err.println(command.usage());
            return USAGE;
        } catch (Exception | Error e) {
            err.println("sparkinfer " + command.name() + ": " + describe(e));
            if (System.getenv("SPARKINFER_DEBUG") != null || e.getMessage() == null) {
                e.printStackTrace(err);
            } else {
                err.println("(set SPARKINFER_DEBUG=1 for the stack trace)");
            }
            return FAILED;
        }
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return msg == null ? e.getClass().getName() : msg;
    }

    private static void printHelp(Map<String, Command> commands, PrintStream to) {
        to.println("usage: bin/sparkinfer <command> [options]   (bin/sparkinfer <command> --help for its options)");
        to.println();
        for (Command c : commands.values()) {
            to.printf("  %-16s %s%n", c.name(), c.summary());
        }
    }
}
