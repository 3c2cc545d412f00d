package cn.shenhe.national;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Every district's progress, for national administrators.
 *
 * @param counts            registrations by status (every status present, zero included)
 * @param backlog           registrations waiting for a reviewer, by review level: SITE = still filling
 *                          in, with at least one picture submitted and no open comment (the ball is in
 *                          the reviewers' court, not the candidate's); DISTRICT = passed at the site
 * @param medianHoursToDecision by current status (SITE_PASSED, APPROVED, REJECTED): median hours from
 *                          the registration's last picture upload (its creation if it has none) to
 *                          its last status change ({@code updated_at}); absent when no registration has it
 */
public record NationalStatus(Instant generatedAt, List<District> districts, District total, List<Day> progress) {

    public record District(String district, String name, long registrations, Map<String, Long> counts,
                           Map<String, Long> backlog, Map<String, Double> medianHoursToDecision) {
    }

    /** One day (UTC) of one district: registrations created, and decisions (status changes) last made that day. */
    public record Day(LocalDate date, String district, long registered, long decided) {
    }
}
