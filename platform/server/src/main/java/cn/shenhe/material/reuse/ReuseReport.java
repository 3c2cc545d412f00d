package cn.shenhe.material.reuse;

import java.time.Instant;
import java.util.List;

/** National admins' report: pairs of pictures of two districts within the reuse threshold, newest first. */
public record ReuseReport(Instant generatedAt, int total, List<Pair> pairs) {

    public record Pair(Side first, Side second, int distance, Instant foundAt) {
    }

    public record Side(String district, String site, String registration, String image, String materialType, String imageUrl) {
    }
}
