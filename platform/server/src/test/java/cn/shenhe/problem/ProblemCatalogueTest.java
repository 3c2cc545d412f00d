package cn.shenhe.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.shenhe.plugin.api.LocalizedText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalogue of refusals: every one worded in both languages, no words without a refusal, the API docs in step. */
class ProblemCatalogueTest {

    @Test
    void everyProblemHasBothTextsAndEveryTextAProblem() {
        Set<String> keys = Arrays.stream(Problem.values()).map(Problem::key).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Problem.values().length, keys.size(), "two problems share a key");
        Arrays.stream(InvalidField.values()).map(InvalidField::key).forEach(keys::add);
        assertEquals(Problem.values().length + InvalidField.values().length, keys.size(), "a reason shares a problem's key");
        for (Locale language : ProblemTexts.LANGUAGES) {
            ResourceBundle bundle = ProblemTexts.bundle(language);
            assertEquals(language, bundle.getLocale(), "no fallback to another language's file");
            assertEquals(keys, new TreeSet<>(bundle.keySet()), language + ": keys without a problem, or problems without words");
            for (String key : keys) {
                String pattern = bundle.getString(key);
                assertFalse(pattern.isBlank(), language + " " + key);
                // MessageFormat drops a single apostrophe ("district's" would read "districts")
                assertFalse(pattern.replace("''", "").contains("'"), language + " " + key + ": write an apostrophe twice");
                new MessageFormat(pattern, language);   // a pattern that does not parse fails here, not in a request
            }
        }
    }

    @Test
    void argumentsAreWrittenInTheLanguageOfTheMessage() {
        ProblemException e = Problem.COUNT_LIMIT_REACHED.refuse(Map.of("maxImages", 2), LocalizedText.of("身份证明", "ID card"), 2);
        assertEquals("「身份证明」最多上传 2 张,已达到上限;如需更换,请先删除一张", e.messageZh());
        assertEquals("ID card takes at most 2 picture(s); delete one to replace it", e.messageEn());
        assertEquals("吉林省考区目前只接受 2027 年度的报名",
                Problem.EXAM_YEAR_NOT_OPEN.refuse(LocalizedText.of("吉林省考区", "Jilin"), 2027).messageZh(), "a year, not 2,027");
        assertEquals("This district's pictures were destroyed as required: they can no longer be viewed or uploaded",
                Problem.DISTRICT_KEYS_REVOKED.refuse().messageEn());
        assertEquals("This change would strand candidates who have already registered: site 02 has candidates (and 2 more)",
                Problem.CONFIG_STRANDS_CANDIDATES.refuse(LocalizedText.of("考点 02 有考生", "site 02 has candidates"), 2).messageEn());
        assertEquals("此修改会使已报名的考生无法继续:考点 02 有考生",
                Problem.CONFIG_STRANDS_CANDIDATES.refuse(LocalizedText.of("考点 02 有考生", "site 02 has candidates"), 0).messageZh());
    }

    @Test
    void anInvalidFieldNamesTheFieldAndItsReasonInEachLanguage() {
        ProblemException e = InvalidField.OUT_OF_RANGE.refuse("limit", 1, 1000);
        assertEquals(Problem.INVALID_FIELD, e.problem());
        assertEquals(422, e.status());
        assertEquals(Map.of("field", "limit"), e.details());
        assertEquals("limit:应在 1 到 1000 之间", e.messageZh());
        assertEquals("limit: must be 1 to 1000", e.messageEn());
        assertEquals("idNumber: the ID number's check digit is wrong", InvalidField.ID_NUMBER_CHECK_DIGIT.refuse("idNumber").messageEn());
    }

    @Test
    void aCodeNotOursKeepsTheWordsOfItsProblem() {
        ProblemException e = ProblemException.coded(Problem.UPLOAD_CHECK_REFUSED, "image-blurred", 422, Map.of(),
                LocalizedText.of("照片模糊", "The photo is blurred"));
        assertEquals("image-blurred", e.code());
        assertEquals("The photo is blurred", e.messageEn());
        assertEquals("http-409", Problems.ofStatus(409).code());
        assertEquals(409, Problems.ofStatus(409).status());
    }

    /** docs/api.md lists every code with its status, between its problems markers, and nothing else there. */
    @Test
    void theApiDocumentListsEveryCode() throws IOException {
        String doc = Files.readString(Path.of("../../docs/api.md"));
        String block = doc.substring(doc.indexOf("<!-- problems:"), doc.indexOf("<!-- /problems -->"));
        Map<String, String> listed = new TreeMap<>();
        Matcher row = Pattern.compile("^\\| `([^`]+)` \\| (\\d{3}) \\|", Pattern.MULTILINE).matcher(block);
        while (row.find()) {
            listed.merge(row.group(1), row.group(2), (a, b) -> a.equals(b) ? a : a + "," + b);
        }
        Map<String, String> codes = new TreeMap<>();
        for (Problem p : Problem.values()) {
            codes.merge(p.code(), String.valueOf(p.status()), (a, b) -> a.equals(b) ? a : a + "," + b);
        }
        assertEquals(codes, listed);
    }

    @Test
    void statusesAreRefusals() {
        List<Problem> odd = Arrays.stream(Problem.values()).filter(p -> p.status() < 400 || p.status() > 599).toList();
        assertTrue(odd.isEmpty(), odd.toString());
    }
}
