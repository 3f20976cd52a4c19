package swapipc.model;

/** How the Allocator chooses a free buffer. */
public enum AllocPolicy {
    /** Priority select of the lowest free flag: one allocation per cycle per port, 1-cycle latency. */
    LOWEST_FREE,
    /** The seed's literal Fig. 6 loop: one atomic swap per cycle, walking the flags from index 0. */
    SCAN
}
