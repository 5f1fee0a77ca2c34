package io.circles.system.security;

/** The kinds of caller the policy table has a column for, in the table's column order. */
enum Role {
    ANONYMOUS("anonymous"),
    OUTSIDER("outsider"),
    MEMBER("member"),
    MODERATOR("moderator"),
    OWNER("owner"),
    BANNED("banned"),
    MERCHANT_OWNER("merchant-owner"),
    RIVAL("rival"),
    ADMIN("admin");

    private final String column;

    Role(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }
}
