package cn.shenhe.notification;

import cn.shenhe.plugin.api.Notification;
import cn.shenhe.plugin.api.PluginSettings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * What the host itself reads from a sending plugin's settings, beside the plugin's own keys:
 * <pre>
 * kinds: [COMMENT, STATUS]                          # which notices go out this way (default: both)
 * retry: { attempts: 8, firstDelay: PT30S, maxDelay: PT1H }   # the defaults
 * </pre>
 * A failed send is tried again after {@code firstDelay}, then twice as long each time (up to
 * {@code maxDelay}, with up to a fifth more at random so a district's backlog does not return in one
 * burst), until {@code attempts} tries have failed: then the notice is FAILED and reported.
 */
record SenderSettings(Set<Notification.Kind> kinds, int attempts, Duration firstDelay, Duration maxDelay) {

    static SenderSettings of(PluginSettings settings) {
        Set<Notification.Kind> kinds = Set.of(Notification.Kind.values());
        if (settings.has("kinds")) {
            kinds = settings.list("kinds").stream().map(k -> {
                try {
                    return Notification.Kind.valueOf(k.toString().trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(settings.path() + ".kinds: not COMMENT or STATUS: " + k);
                }
            }).collect(Collectors.toUnmodifiableSet());
        }
        PluginSettings retry = settings.section("retry");
        int attempts = retry.intValue("attempts", 8);
        if (attempts < 1 || attempts > 50) {
            throw new IllegalArgumentException(retry.path() + ".attempts: 1 to 50");
        }
        Duration first = duration(retry, "firstDelay", Duration.ofSeconds(30));
        Duration max = duration(retry, "maxDelay", Duration.ofHours(1));
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException(retry.path() + ".maxDelay: shorter than firstDelay");
        }
        return new SenderSettings(kinds, attempts, first, max);
    }

    /** How long to wait after the {@code failures}-th failed try (1, 2, ...). */
    Duration delayAfter(int failures) {
        Duration d = firstDelay;
        for (int i = 1; i < failures && d.compareTo(maxDelay) < 0; i++) {
            d = d.multipliedBy(2);
        }
        d = d.compareTo(maxDelay) > 0 ? maxDelay : d;
        return d.plusMillis((long) (d.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble()));
    }

    private static Duration duration(PluginSettings s, String key, Duration defaultValue) {
        String v = s.string(key).orElse(null);
        if (v == null) {
            return defaultValue;
        }
        try {
            Duration d = Duration.parse(v.trim());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(s.path() + "." + key + ": must be positive: " + v);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(s.path() + "." + key + ": not an ISO-8601 duration such as PT30S: " + v);
        }
    }
}
