package swapipc.model;

/** The buses an endpoint's register slave comes on; each is a thin wrapper over the same register core. */
public enum BusKind {
    AXI4_LITE("IpcAxiLite", "AXI4-Lite", "SLVERR"),
    APB3("IpcApb3", "APB3", "PSLVERR"),
    WISHBONE("IpcWishbone", "Wishbone B4 classic", "ERR");

    /** The generated top's module name. */
    public final String top;
    public final String title;
    /** What a refused access answers on this bus. */
    public final String errorResponse;

    BusKind(String top, String title, String errorResponse) {
        this.top = top;
        this.title = title;
        this.errorResponse = errorResponse;
    }
}
