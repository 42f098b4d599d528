package org.civicflow.intake;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a request reached civicflow. */
public enum Channel {
    HOTLINE,
    WEB,
    APP,
    AGENCY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code().equalsIgnoreCase(code)).findFirst();
    }
}
