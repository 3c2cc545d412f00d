package cn.shenhe.national;

import java.time.Instant;
import java.util.List;

/**
 * One district's review progress, for its administrator (and national administrators drilling
 * into it): the same figures as its row of {@link NationalStatus}, and its days.
 */
public record DistrictProgress(Instant generatedAt, NationalStatus.District district, List<NationalStatus.Day> progress) {
}
