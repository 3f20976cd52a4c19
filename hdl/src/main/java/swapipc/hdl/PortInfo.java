package swapipc.hdl;

/** A top-level port of a generated module, as the manifest and the simulation bridge see it. */
public record PortInfo(String name, boolean input, int width) {
}
