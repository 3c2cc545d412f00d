package cn.shenhe.national;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** CSV and XLSX as written, read back: quoting, BOM, formula guard, well-formed SpreadsheetML, Chinese intact. */
class ExportWritersTest {

    @Test
    void csvQuotesWhatNeedsItAndStartsWithABom() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter w = new CsvWriter(out)) {
            w.row(List.of("姓名", "意见"));
            w.row(Arrays.asList("张伟", "照片模糊,请重新上传", 3, null, "=1+2", "say \"hi\""));
        }
        byte[] b = out.toByteArray();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(b[0], b[1], b[2]));
        assertEquals("\uFEFF姓名,意见\r\n张伟,\"照片模糊,请重新上传\",3,,'=1+2,\"say \"\"hi\"\"\"\r\n",
                new String(b, StandardCharsets.UTF_8));
    }

    @Test
    void xlsxIsAWellFormedOneSheetPackage() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxWriter w = new XlsxWriter(out, "审核结果")) {
            w.row(List.of("姓名", "数量"));
            w.row(Arrays.asList("欧阳<秀英>&", 42, null, "\u0001控制字符"));
        }
        Map<String, Document> parts = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                parts.put(e.getName(), DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(zip.readAllBytes())));
            }
        }
        assertEquals(5, parts.size(), parts.keySet().toString());
        Document sheet = parts.get("xl/worksheets/sheet1.xml");
        assertEquals(2, sheet.getElementsByTagName("row").getLength());
        assertEquals("欧阳<秀英>&", sheet.getElementsByTagName("t").item(2).getTextContent());
        assertEquals("42", sheet.getElementsByTagName("v").item(0).getTextContent());
        assertEquals("控制字符", sheet.getElementsByTagName("t").item(3).getTextContent(), "a character XML cannot hold is dropped");
        assertEquals("D2", ((org.w3c.dom.Element) sheet.getElementsByTagName("c").item(4)).getAttribute("r"));
        assertTrue(parts.get("xl/workbook.xml").getElementsByTagName("sheet").item(0).getAttributes()
                .getNamedItem("name").getTextContent().equals("审核结果"));
    }

    @Test
    void columnLetters() {
        assertEquals(List.of("A", "Z", "AA", "AZ", "BA"), List.of(XlsxWriter.column(0), XlsxWriter.column(25),
                XlsxWriter.column(26), XlsxWriter.column(51), XlsxWriter.column(52)));
    }

    @Test
    void median() {
        assertEquals(2.0, Oversight.median(List.of(3L, 1L, 2L)));
        assertEquals(2.5, Oversight.median(List.of(4L, 1L, 2L, 3L)));
    }
}
