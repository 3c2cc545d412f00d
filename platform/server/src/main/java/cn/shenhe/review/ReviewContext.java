package cn.shenhe.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a reviewer holds a registration's pictures against, beside what the registration's page shows
 * (its material rules, samples, pictures and comments): the identity the candidate declared, what the
 * number on it encodes, the decisions taken so far, and what changed since the last one. Staff only.
 */
public record ReviewContext(Identity identity, List<Decision> decisions, Changes changes) {

    /**
     * As the candidate declared it when registering.
     *
     * @param birthDate     and {@code sex}: what the ID number encodes (null where it encodes none)
     * @param checksumValid whether the ID number's check character is right (null: no number declared)
     */
    public record Identity(String name, String idNumber, LocalDate birthDate, String sex, Boolean checksumValid, String phone) {
    }

    /**
     * One review decision, from the audit trail.
     *
     * @param outcome          PASS, RETURN, APPROVE or REJECT; null when only pictures were judged
     * @param approved         pictures approved by it
     * @param changesRequested pictures sent back by it
     */
    public record Decision(Instant at, String level, String actor, String role, String outcome, int approved, int changesRequested) {
    }

    /**
     * The pictures that changed since the last decision (none when there was none).
     *
     * @param added   the pictures uploaded since, still there
     * @param removed the pictures deleted since: named by the audit trail, the pictures themselves are not kept
     */
    public record Changes(Instant since, List<String> added, List<Removed> removed) {
    }

    public record Removed(String imageId, String materialType, Instant at) {
    }
}
