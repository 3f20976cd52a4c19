package swapipc.cli;

import picocli.CommandLine.Option;
import swapipc.model.Config;

import java.util.ArrayList;
import java.util.List;

/** `--param name=value`, repeatable, applied over the default configuration. */
final class ConfigOptions {
    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
        description = "Override a parameter (see docs/parameters.md). Repeatable.")
    List<String> params = new ArrayList<>();

    Config config() {
        Config cfg = Config.DEFAULT;
        for (String p : params) cfg = cfg.with(p);
        return cfg;
    }
}
