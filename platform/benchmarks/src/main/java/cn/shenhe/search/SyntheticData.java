package cn.shenhe.search;

import cn.shenhe.persistence.Ids;
import cn.shenhe.registration.IdNumber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic synthetic registrations for load and benchmark runs: Chinese names drawn from the
 * commonest surnames (with some compound ones) and given-name characters, ID numbers with real
 * region codes, plausible birth dates and valid check characters, mobile numbers, a status mix
 * of a district mid-way through review, and about two review comments per registration drawn
 * from the reasons reviewers actually give. Candidate {@code i} is the same person on every run
 * (seeded by {@code i}), so the benchmark can ask for people it knows are there.
 *
 * <p>The bulk path: JDBC batch inserts (no events, no per-row index update), then one index
 * rebuild — which is how the index stays consistent with a bulk load.
 */
public final class SyntheticData {

    static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            + "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    static final List<String> COMPOUND_SURNAMES = List.of("欧阳", "司马", "上官", "诸葛", "东方", "慕容");
    static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华建国红文辉鹏飞玉兰宇浩然涵欣怡梓轩雨萱晨阳思远佳琪俊"
            + "志海燕春梅晓东婷雪琳颖慧倩洁秀云凤梓睿博文彬斌鑫晶莉萍鹤嘉瑶蕾宁凯健亮坤帅薇倩玲丹";
    static final String[] REGIONS = {"110101", "110105", "110108", "310101", "310115", "440103", "440106", "440305",
            "320102", "330106", "420106", "510104", "610113", "370102", "410105", "130102"};
    static final List<String> REASONS = List.of(
            "身份证照片模糊,请重新上传清晰的正反面",
            "身份证已过期,请上传有效期内的身份证",
            "学历证书照片不完整,请上传包含证书编号的完整页面",
            "毕业证书缺少学校盖章,请补充",
            "试用期考核证明缺少单位公章",
            "执业助理医师资格证书编号不清晰,请重新拍摄",
            "照片方向不正确,请保持画面正向后重新上传",
            "上传的材料与报考类别不符,请核对后重新上传",
            "工作单位证明未加盖公章,请重新开具",
            "学位证书与毕业证书姓名不一致,请上传更名证明",
            "请补充上传学信网学历认证报告",
            "实习时间不足一年,不符合报考条件",
            "医师资格考试报名表未签字,请签字后上传",
            "图片有反光遮挡,关键信息无法辨认",
            "材料已审核通过,无需重复上传");
    static final String[] MATERIALS = {"id-card", "diploma", "practice-proof", "other"};
    static final String[] REVIEWERS = {"审核员王敏", "审核员李强", "审核员张静", "审核员刘洋", "考区审核员陈杰"};
    static final Instant START = Instant.parse("2026-10-20T00:00:00Z");

    /** One synthetic candidate's registration (without its id, which is made at insert). */
    public record Person(String subject, String name, String idNumber, String phone, String site, String status,
                         Instant createdAt, Instant updatedAt, int comments, long seed) {
    }

    private SyntheticData() {
    }

    public static Person person(int i, List<String> sites) {
        SplittableRandom r = new SplittableRandom(0x5EED_0000L + i);
        String surname = r.nextInt(100) < 2 ? COMPOUND_SURNAMES.get(r.nextInt(COMPOUND_SURNAMES.size()))
                : String.valueOf(SURNAMES.charAt(skewed(r, SURNAMES.length())));
        StringBuilder given = new StringBuilder().append(GIVEN.charAt(r.nextInt(GIVEN.length())));
        if (r.nextInt(100) < 70) {
            given.append(GIVEN.charAt(r.nextInt(GIVEN.length())));
        }
        String d17 = REGIONS[r.nextInt(REGIONS.length)] + (1970 + r.nextInt(33))
                + String.format("%02d%02d%03d", 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(1000));
        String phone = "1" + "3589".charAt(r.nextInt(4)) + String.format("%09d", r.nextInt(1_000_000_000));
        int s = r.nextInt(100);
        String status = s < 50 ? "FILLING" : s < 70 ? "SITE_PASSED" : s < 95 ? "APPROVED" : "REJECTED";
        Instant created = START.plusSeconds(r.nextLong(30L * 86400));
        Instant updated = created.plusSeconds(r.nextLong(5L * 86400));
        int comments = Math.min(4, Math.max(0, (int) Math.round(2 + r.nextGaussian() * 1.0)));
        return new Person("bench-" + i, surname + given, d17 + IdNumber.checkCharacter(d17), phone,
                sites.get(r.nextInt(sites.size())), status, created, updated, comments, r.nextLong());
    }

    /** Common surnames far more often than rare ones, as in the population. */
    private static int skewed(SplittableRandom r, int n) {
        double u = r.nextDouble();
        return Math.min(n - 1, (int) (n * u * u));
    }

    /** Candidate {@code i}'s exam category. */
    static String category(int i) {
        return i % 3 == 0 ? "clinical-assistant" : "clinical-physician";
    }

    /** The review comments of a candidate, as {@link #insert} writes them (drawn from the person's seed: the same every run). */
    static List<SearchFields.Comment> comments(Person p) {
        SplittableRandom r = new SplittableRandom(p.seed());
        List<SearchFields.Comment> out = new ArrayList<>(p.comments());
        for (int k = 0; k < p.comments(); k++) {
            Instant at = p.createdAt().plusSeconds(3600L * (k + 1) + r.nextInt(3600));
            boolean resolved = !"FILLING".equals(p.status()) || r.nextInt(100) < 40;
            String material = MATERIALS[r.nextInt(MATERIALS.length)];
            String level = r.nextInt(100) < 70 ? "SITE" : "DISTRICT";
            String body = REASONS.get(r.nextInt(REASONS.size()));
            out.add(new SearchFields.Comment(Ids.next(), null, material, level, body, REVIEWERS[r.nextInt(REVIEWERS.length)],
                    at, resolved ? at.plusSeconds(86400) : null));
        }
        return out;
    }

    /**
     * Candidate {@code i}'s registration as the index sees it, without a database (the search benchmark's
     * {@code -Dbench.jdbc=none}): the same person and comments as {@link #insert} writes, a new id.
     */
    static SearchFields.Registration registration(String district, int i, List<String> sites) {
        Person p = person(i, sites);
        return new SearchFields.Registration(district, Ids.next(), p.name(), p.idNumber(), p.phone(), 2027, category(i), p.site(),
                p.status(), p.createdAt(), p.updatedAt(), comments(p));
    }

    /**
     * Inserts candidates {@code from} (inclusive) to {@code to} (exclusive) of the district, with
     * their comments, in batches of 1000 rows per statement and one transaction per batch.
     * Returns the number of comments inserted.
     */
    /** A comment to candidates by the benchmark's reviewer: id, district, registration, material type, level, body, author's name, created, resolved. */
    static final String INSERT_COMMENT = "INSERT INTO review_comment (id, district_id, registration_id, image_id,"
            + " material_type, review_level, visibility, body, author_sub, author_name, created_at, resolved_at)"
            + " VALUES (?, ?, ?, NULL, ?, ?, 'CANDIDATE', ?, 'bench-reviewer', ?, ?, ?)";

    public static long insert(Connection c, String district, List<String> sites, int from, int to) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        long comments = 0;
        try (PreparedStatement reg = c.prepareStatement("INSERT INTO registration (id, district_id, candidate_sub, candidate_username,"
                + " candidate_name, id_number, phone, exam_year, exam_category, site_code, status, published_status, created_at, updated_at,"
                + " version) VALUES (?, ?, ?, ?, ?, ?, ?, 2027, ?, ?, ?, ?, ?, ?, 1)");
             PreparedStatement com = c.prepareStatement(INSERT_COMMENT)) {
            for (int i = from; i < to; i++) {
                Person p = person(i, sites);
                String id = Ids.next();
                reg.setString(1, id);
                reg.setString(2, district);
                reg.setString(3, p.subject());
                reg.setString(4, p.subject());
                reg.setString(5, p.name());
                reg.setString(6, p.idNumber());
                reg.setString(7, p.phone());
                reg.setString(8, category(i));
                reg.setString(9, p.site());
                reg.setString(10, p.status());
                reg.setString(11, p.status()); // what candidates see: outcomes already published
                reg.setObject(12, OffsetDateTime.ofInstant(p.createdAt(), ZoneOffset.UTC));
                reg.setObject(13, OffsetDateTime.ofInstant(p.updatedAt(), ZoneOffset.UTC));
                reg.addBatch();
                for (SearchFields.Comment k : comments(p)) {
                    com.setString(1, k.id());
                    com.setString(2, district);
                    com.setString(3, id);
                    com.setString(4, k.materialType());
                    com.setString(5, k.level());
                    com.setString(6, k.body());
                    com.setString(7, k.authorName());
                    com.setObject(8, OffsetDateTime.ofInstant(k.createdAt(), ZoneOffset.UTC));
                    com.setObject(9, k.resolvedAt() == null ? null : OffsetDateTime.ofInstant(k.resolvedAt(), ZoneOffset.UTC));
                    com.addBatch();
                    comments++;
                }
                if ((i - from + 1) % 1000 == 0 || i == to - 1) {
                    reg.executeBatch();
                    com.executeBatch();
                    c.commit();
                }
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return comments;
    }

    /** Removes every synthetic registration of the district and its comments. */
    public static void clean(Connection c, String district) throws SQLException {
        try (PreparedStatement com = c.prepareStatement("DELETE FROM review_comment WHERE district_id = ? AND registration_id IN"
                + " (SELECT id FROM registration WHERE district_id = ? AND candidate_sub LIKE 'bench-%')");
             PreparedStatement reg = c.prepareStatement("DELETE FROM registration WHERE district_id = ? AND candidate_sub LIKE 'bench-%'")) {
            com.setString(1, district);
            com.setString(2, district);
            com.executeUpdate();
            reg.setString(1, district);
            reg.executeUpdate();
        }
    }
}
