package cn.shenhe.national;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A one-sheet XLSX workbook, streamed: the smallest SpreadsheetML package Excel, LibreOffice and
 * WPS open (content types, package relationships, workbook, its relationships, one worksheet),
 * with strings inline in their cells (no shared-string table to hold in memory), so a district's
 * whole result list is written in one pass at constant memory. No styles: header row is plain.
 */
final class XlsxWriter implements TableWriter {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private final ZipOutputStream zip;
    private final Writer sheet;
    private int rowNumber;

    XlsxWriter(OutputStream stream, String sheetName) throws IOException {
        zip = new ZipOutputStream(stream, StandardCharsets.UTF_8);
        part("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "</Types>");
        part("_rels/.rels", "<Relationships xmlns=\"" + PKG_RELS + "\"><Relationship Id=\"rId1\" Type=\"" + DOC_RELS
                + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        part("xl/workbook.xml", "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + DOC_RELS + "\"><sheets><sheet name=\""
                + escape(sheetName) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        part("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"" + PKG_RELS + "\"><Relationship Id=\"rId1\" Type=\""
                + DOC_RELS + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
        sheet = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"" + MAIN + "\"><sheetData>");
    }

    private void part(String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    @Override
    public void row(List<?> cells) throws IOException {
        rowNumber++;
        StringBuilder b = new StringBuilder(64 * cells.size()).append("<row r=\"").append(rowNumber).append("\">");
        for (int i = 0; i < cells.size(); i++) {
            Object c = cells.get(i);
            if (c == null) {
                continue;
            }
            String ref = column(i) + rowNumber;
            if (c instanceof Number n) {
                b.append("<c r=\"").append(ref).append("\"><v>").append(n).append("</v></c>");
            } else {
                b.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                        .append(escape(c.toString())).append("</t></is></c>");
            }
        }
        sheet.write(b.append("</row>").toString());
    }

    /** A, B, ... Z, AA, AB, ... */
    static String column(int index) {
        StringBuilder s = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            s.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return s.toString();
    }

    /** XML text: the five special characters escaped, characters XML 1.0 cannot hold dropped. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        sheet.write("</sheetData></worksheet>");
        sheet.flush();
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }
}
