package cn.shenhe.search;

import java.time.Instant;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * One Lucene document per registration, with its review comments inside it as multi-valued
 * fields. A comment hit is therefore a hit on its registration (what the reviewer opens), totals
 * and facets count registrations, and re-indexing a registration with its comments is one
 * idempotent {@code updateDocument} on its id.
 */
public final class SearchFields {

    // --- exact codes: KeywordField = indexed as one untouched term + doc values (filter, sort, facet)
    /** Registration id (ULID, lower case): exact lookup, the update key, the last sort tie-break. */
    public static final String ID = "id";
    public static final String DISTRICT = "district";
    public static final String SITE = "site";
    public static final String CATEGORY = "category";
    public static final String STATUS = "status";
    /** "true" when at least one comment is open: the openComments filter. */
    public static final String OPEN_COMMENTS = "openComments";

    // --- personal identifiers: StringField = one exact term, not stored (no need to show them from the index)
    /** The 18-character ID number, upper case ('X' check character), as its keyed digest ({@link IdNumberDigest}): exact match only. */
    public static final String ID_NUMBER = "idNumber";
    /** The last 4, 5 and 6 characters of the ID number, each a term: what people read out on the phone. */
    public static final String ID_SUFFIX = "idSuffix";
    public static final String PHONE = "phone";
    /** The phone number's last 4 digits. */
    public static final String PHONE_SUFFIX = "phoneSuffix";

    // --- text
    /** The candidate's name as 1-2 character grams (see {@link SearchAnalyzers}); stored for display and snippets. */
    public static final String NAME_GRAMS = "name";
    /** Comment bodies, smartcn-segmented, one value per comment; stored for snippets. */
    public static final String COMMENT = "comment";
    /** The same bodies as character bigrams (see {@link SearchAnalyzers}): query words found wherever smartcn cut. */
    public static final String COMMENT_GRAMS = "commentGrams";
    /** Comment metadata, one value per comment: review level (SITE, DISTRICT), material type, reviewer's name. */
    public static final String COMMENT_LEVEL = "commentLevel";
    public static final String COMMENT_MATERIAL = "commentMaterial";
    public static final String COMMENT_AUTHOR = "commentAuthor";
    /** Comment dates (epoch ms), a point per comment: range filters. */
    public static final String COMMENT_DATE = "commentDate";

    // --- dates: LongField = points (range) + doc values (sort) ; stored
    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String EXAM_YEAR = "examYear";

    /**
     * Most recently changed first, then by id: the order of a date sort and of equal scores, and
     * also the order of the documents inside every segment (the index sort, see {@link DistrictIndex}),
     * so that a date sort stops after the page's window in each segment, and a relevance sort soon
     * after ({@link SegmentCutoff}).
     */
    static final Sort NEWEST_FIRST = new Sort(LongField.newSortField(UPDATED, true, SortedNumericSelector.Type.MIN),
            new SortedSetSortField(ID, false));

    private SearchFields() {
    }

    /** What the index knows of a registration, read from the database. */
    public record Registration(String district, String id, String candidateName, String idNumber, String phone,
                               int examYear, String category, String site, String status, Instant createdAt,
                               Instant updatedAt, List<Comment> comments) {
    }

    public record Comment(String id, String imageId, String materialType, String level, String body,
                          String authorName, Instant createdAt, Instant resolvedAt) {
        boolean open() {
            return resolvedAt == null;
        }
    }

    /**
     * Searched text that is also shown as snippets: stored, and indexed with offsets so that the
     * highlighter reads match positions from the index instead of re-analysing the text (smartcn
     * is the slowest step of a search otherwise).
     */
    static final FieldType TEXT_WITH_OFFSETS = withOffsets(TextField.TYPE_STORED);

    /** Not stored (the text is the comment's, stored once); offsets for the highlighter all the same. */
    static final FieldType GRAMS_WITH_OFFSETS = withOffsets(TextField.TYPE_NOT_STORED);

    private static FieldType withOffsets(FieldType of) {
        FieldType t = new FieldType(of);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        t.freeze();
        return t;
    }

    public static Document toDocument(Registration r) {
        Document doc = new Document();
        doc.add(new KeywordField(ID, r.id(), Field.Store.YES));
        doc.add(new KeywordField(DISTRICT, r.district(), Field.Store.YES));
        doc.add(new KeywordField(SITE, r.site(), Field.Store.YES));
        doc.add(new KeywordField(CATEGORY, r.category(), Field.Store.YES));
        doc.add(new KeywordField(STATUS, r.status(), Field.Store.YES));
        doc.add(new KeywordField(OPEN_COMMENTS, Boolean.toString(r.comments().stream().anyMatch(Comment::open)), Field.Store.NO));
        doc.add(new Field(NAME_GRAMS, r.candidateName(), TEXT_WITH_OFFSETS));
        if (r.idNumber() != null && !r.idNumber().isBlank()) {
            String idNumber = r.idNumber().toUpperCase();
            doc.add(new StringField(ID_NUMBER, IdNumberDigest.of(idNumber), Field.Store.NO));
            for (int n = 4; n <= 6 && n <= idNumber.length(); n++) {
                doc.add(new StringField(ID_SUFFIX, idNumber.substring(idNumber.length() - n), Field.Store.NO));
            }
        }
        if (r.phone() != null && !r.phone().isBlank()) {
            String phone = r.phone().replaceAll("[^0-9]", "");
            doc.add(new StringField(PHONE, phone, Field.Store.NO));
            if (phone.length() >= 4) {
                doc.add(new StringField(PHONE_SUFFIX, phone.substring(phone.length() - 4), Field.Store.NO));
            }
        }
        doc.add(new IntField(EXAM_YEAR, r.examYear(), Field.Store.NO));
        doc.add(new LongField(CREATED, r.createdAt().toEpochMilli(), Field.Store.YES));
        doc.add(new LongField(UPDATED, r.updatedAt().toEpochMilli(), Field.Store.YES));
        for (Comment c : r.comments()) {
            doc.add(new Field(COMMENT, c.body(), TEXT_WITH_OFFSETS));
            doc.add(new Field(COMMENT_GRAMS, c.body(), GRAMS_WITH_OFFSETS));
            doc.add(new StringField(COMMENT_LEVEL, c.level(), Field.Store.NO));
            if (c.materialType() != null) {
                doc.add(new StringField(COMMENT_MATERIAL, c.materialType(), Field.Store.NO));
            }
            doc.add(new StringField(COMMENT_AUTHOR, c.authorName(), Field.Store.NO));
            doc.add(new LongField(COMMENT_DATE, c.createdAt().toEpochMilli(), Field.Store.NO));
        }
        return doc;
    }
}
