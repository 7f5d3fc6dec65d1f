package io.savepoint.protocol;

/** The JWT claim names every Savepoint service reads, and the roles carried in {@code groups}. */
public final class XblClaims {
    public static final String XUID = "xuid";
    public static final String DEVICE_TYPE = "deviceType";
    public static final String DEVICE_ID = "deviceId";
    public static final String TITLE_ID = "titleId";
    public static final String SANDBOX_ID = "sandboxId";
    public static final String GROUPS = "groups";

    /** The role that manages titles and writes global storage (the stand-in for Partner Center and GlobalStorage.exe). */
    public static final String OPERATOR_ROLE = "operator";

    private XblClaims() {
    }
}
