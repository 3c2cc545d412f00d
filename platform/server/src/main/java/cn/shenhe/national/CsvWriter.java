package cn.shenhe.national;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV in UTF-8, starting with a byte-order mark: without it, Excel (the tool district
 * offices open these with) reads UTF-8 as the local code page and garbles every Chinese name.
 * Lines end in CRLF; fields holding a comma, quote or line break are quoted. A field that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
 */
final class CsvWriter implements TableWriter {

    static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    private final BufferedWriter out;

    CsvWriter(OutputStream stream) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        out.write('\uFEFF');
    }

    @Override
    public void row(List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object c = cells.get(i);
            if (c == null) {
                continue;
            }
            out.write(c instanceof Number ? c.toString() : field(c.toString()));
        }
        out.write("\r\n");
    }

    static String field(String s) {
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
