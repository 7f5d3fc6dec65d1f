package io.savepoint.storage.titlestorage.rules;

/**
 * Renders an offending client value inside an error message: quoted, control characters escaped, and cut short so a
 * huge input cannot blow up the error body. Every rule in this package names the value it refused with it.
 */
final class Values {

    static final int MAX_SHOWN = 300;

    private Values() {
    }

    /** {@code 'value'} (or {@code null}), escaped and truncated to {@value #MAX_SHOWN} characters. */
    static String q(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 8).append('\'');
        int n = Math.min(value.length(), MAX_SHOWN);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (value.length() > MAX_SHOWN) {
            sb.append("…");
        }
        return sb.append('\'').toString();
    }
}
