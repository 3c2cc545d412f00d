package cn.shenhe.registration;

import java.time.Instant;

/**
 * What a reviewer sees next to a picture: another candidate's picture within the reuse threshold. The other
 * registration is named (with its picture, for the side-by-side view) only when the caller may see it: a site
 * reviewer is told of a match at another site of the district without its registration; a district's staff
 * are never told of another district's pictures (national admins are, in the report). Found by
 * material.reuse ({@link ReuseLookup}); defined here because the registration's page shows it.
 *
 * @param named             whether the other registration is within the caller's scope
 * @param otherRegistration null unless named
 * @param otherImageUrl     null unless named: the other picture, for a side-by-side view
 * @param distance          the hashes' Hamming distance (0 to {@code ReuseBands.THRESHOLD}: lower is more alike)
 */
public record ReuseFlag(boolean named, String otherDistrict, String otherRegistration, String otherImage,
                        String otherImageUrl, String otherMaterialType, int distance, Instant foundAt) {
}
