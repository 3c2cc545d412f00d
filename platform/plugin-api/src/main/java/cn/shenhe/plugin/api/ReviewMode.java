package cn.shenhe.plugin.api;

import java.time.Duration;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * How a district's exam sites review (审核方式). The two-level state machine (site, then district)
 * is the host's; a review mode decides what the site level looks at: the uploaded pictures
 * (网上审核) or the originals, brought by the candidate to a booked appointment (现场审核), and
 * which appointment slots the district offers. A district names exactly one mode in its
 * tenant-config ({@code review.mode}) and lists its plugin under {@code plugins} with its settings.
 *
 * <p>Implementations must be pure and thread-safe; settings are passed on every call. A bad
 * setting is an {@link IllegalArgumentException} whose message names it
 * ({@code settings.slots[2].capacity: must be at least 1}).
 *
 * @since 1.1
 */
public interface ReviewMode extends ExtensionPoint {

    /** The mode's id, as named in {@code review.mode}: the plugin's id by convention. */
    String id();

    LocalizedText name();

    /** True when the site level is an in-person check at a booked appointment slot. */
    boolean inPerson();

    /** The appointment slots the district offers; empty for modes that take no appointments. */
    default List<AppointmentSlot> slots(PluginSettings settings) {
        return List.of();
    }

    /** How long before a slot starts booking, rebooking and cancelling it close. */
    default Duration bookingCutoff(PluginSettings settings) {
        return Duration.ZERO;
    }
}
