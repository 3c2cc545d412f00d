package cn.shenhe.national;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A one-sheet XLSX workbook written by fastexcel, streamed: rows go out every {@link #ROWS_PER_FLUSH}
 * rows, and strings are written inline in their cells rather than in the shared-string table (which
 * fastexcel keeps in memory to the end), so a district's whole result list is written in one pass
 * at constant memory. fastexcel escapes XML and drops the characters XML 1.0 cannot hold.
 */
final class XlsxWriter implements TableWriter {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** fastexcel holds a worksheet's rows until they are flushed; a thousand rows are a few hundred kB. */
    static final int ROWS_PER_FLUSH = 1000;

    private final Workbook workbook;
    private final Worksheet sheet;
    private int rowNumber;

    XlsxWriter(OutputStream stream, String sheetName) {
        // Excel wants the application version as "XX.YYYY"; this is the export format's, not the build's.
        workbook = new Workbook(stream, "Shenhe", "1.0");
        sheet = workbook.newWorksheet(sheetName);
    }

    @Override
    public void row(List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            Object c = cells.get(i);
            if (c instanceof Number n) {
                sheet.value(rowNumber, i, n);
            } else if (c != null) {
                sheet.inlineString(rowNumber, i, c.toString());
            }
        }
        rowNumber++;
        if (rowNumber % ROWS_PER_FLUSH == 0) {
            sheet.flush();
        }
    }

    @Override
    public void close() throws IOException {
        workbook.finish();
    }
}
