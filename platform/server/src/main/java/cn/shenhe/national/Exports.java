package cn.shenhe.national;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;

/** A table as a download, streamed as it is read: CSV or XLSX by the path's extension. */
final class Exports {

    interface Table {
        void writeTo(TableWriter out) throws SQLException, IOException;
    }

    private Exports() {
    }

    static Response csv(String filename, Table table) {
        return download(filename + ".csv", CsvWriter.MEDIA_TYPE, out -> new CsvWriter(out), table);
    }

    static Response xlsx(String filename, String sheet, Table table) {
        return download(filename + ".xlsx", XlsxWriter.MEDIA_TYPE, out -> new XlsxWriter(out, sheet), table);
    }

    private interface WriterFactory {
        TableWriter open(OutputStream out) throws IOException;
    }

    private static Response download(String filename, String mediaType, WriterFactory factory, Table table) {
        StreamingOutput body = out -> {
            try (TableWriter w = factory.open(out)) {
                table.writeTo(w);
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException("Export failed while reading the database", e));
            }
        };
        return Response.ok(body, mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
