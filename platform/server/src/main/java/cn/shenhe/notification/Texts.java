package cn.shenhe.notification;

/** Fitting notice texts into their columns, and showing addresses without giving them away. */
final class Texts {

    private Texts() {
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** {@code 138****8000}, {@code z***@example.cn}: enough for an admin to tell which, not to contact. */
    static String mask(String address) {
        int at = address.indexOf('@');
        if (at > 0) {
            return address.charAt(0) + "***" + address.substring(at);
        }
        if (address.length() >= 7) {
            return address.substring(0, 3) + "*".repeat(address.length() - 7) + address.substring(address.length() - 4);
        }
        return "***";
    }
}
