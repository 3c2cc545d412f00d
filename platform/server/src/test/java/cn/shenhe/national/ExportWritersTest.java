package cn.shenhe.national;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/** CSV and XLSX as written, read back: quoting, BOM, formula guard; XLSX opened with a reader, Chinese intact. */
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
    void xlsxReadsBackCellByCell() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxWriter w = new XlsxWriter(out, "审核结果")) {
            w.row(List.of("姓名", "数量"));
            w.row(Arrays.asList("欧阳<秀英>&", 42, null, "\u0001控制字符"));
        }
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = book.getFirstSheet();
            assertEquals("审核结果", sheet.getName());
            assertEquals(1, book.getSheets().count());
            List<Row> rows = sheet.read();
            assertEquals(2, rows.size());
            assertEquals(List.of("姓名", "数量"), List.of(rows.get(0).getCellText(0), rows.get(0).getCellText(1)));
            Row second = rows.get(1);
            assertEquals("欧阳<秀英>&", second.getCellText(0));
            assertEquals(CellType.NUMBER, second.getCell(1).getType(), "a number stays a number");
            assertEquals(42, second.getCellAsNumber(1).orElseThrow().intValue());
            assertEquals("", second.getOptionalCell(2).map(Cell::getText).orElse(""), "null is an empty cell");
            assertEquals("控制字符", second.getCellText(3), "a character XML cannot hold is dropped");
        }
    }

    @Test
    void xlsxRowsBeyondAFlushAreAllWritten() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rows = XlsxWriter.ROWS_PER_FLUSH * 2 + 7;
        try (XlsxWriter w = new XlsxWriter(out, "全国汇总")) {
            for (int i = 0; i < rows; i++) {
                w.row(List.of("考生" + i, i));
            }
        }
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Row> read = book.getFirstSheet().read();
            assertEquals(rows, read.size());
            Row last = read.get(rows - 1);
            assertEquals("考生" + (rows - 1), last.getCellText(0));
            assertEquals(rows - 1, last.getCellAsNumber(1).orElseThrow().intValue());
        }
    }

    @Test
    void median() {
        assertEquals(2.0, Oversight.median(List.of(3L, 1L, 2L)));
        assertEquals(2.5, Oversight.median(List.of(4L, 1L, 2L, 3L)));
    }
}
