package swapipc.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import swapipc.sim.CoverageReport;
import swapipc.sim.Workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "coverage-report", mixinStandardHelpOptions = true,
    description = "Merge the coverage written by a run with -Dswapipc.coverage=DIR: per-unit line and toggle "
        + "figures (Markdown), the points never hit, and an lcov file per configuration.")
final class CoverageCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", description = "Coverage directory (default: target/coverage).")
    Path dir;

    @Override
    public Integer call() {
        Path d = dir != null ? dir : Workspace.root().resolve("target/coverage");
        if (!Files.isDirectory(d)) throw new IllegalArgumentException("no coverage directory " + d + "; run ./swapipc coverage");
        List<CoverageReport.Design> designs = CoverageReport.read(d);
        if (designs.isEmpty()) throw new IllegalArgumentException("no coverage data under " + d);
        for (CoverageReport.Design design : designs) {
            System.out.println(CoverageReport.markdown(design));
            System.out.println("lcov: " + CoverageReport.writeLcov(d, design));
            System.out.println("points never hit (" + design.missed().size() + "):");
            design.missed().forEach(m -> System.out.println("- " + m));
            System.out.println();
        }
        return 0;
    }
}
