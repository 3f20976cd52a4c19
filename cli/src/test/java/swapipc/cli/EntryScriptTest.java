package swapipc.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every CLI subcommand is reachable through ./swapipc (regress, board and program once were not: "unknown command"). */
class EntryScriptTest {
    private static final Path ROOT = Path.of(System.getProperty("swapipc.root", "..")).toAbsolutePath().normalize();

    @Test
    void theEntryScriptPassesEverySubcommandToTheCli() throws IOException {
        String script = Files.readString(ROOT.resolve("swapipc"));
        Matcher m = Pattern.compile("(?m)^  ([a-z|-]+)\\)").matcher(script);
        Set<String> cases = new HashSet<>();
        while (m.find()) cases.addAll(Arrays.asList(m.group(1).split("\\|")));
        Set<String> missing = new HashSet<>(Main.commandLine().getSubcommands().keySet());
        missing.removeAll(cases);
        assertTrue(missing.isEmpty(), "subcommands ./swapipc answers 'unknown command' to: " + missing);
    }
}
