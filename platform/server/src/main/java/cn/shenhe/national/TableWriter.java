package cn.shenhe.national;

import java.io.IOException;
import java.util.List;

/** A table written row by row, as it is read from the database: CSV or XLSX. */
interface TableWriter extends AutoCloseable {

    /** A cell is a String, a Number, or null (empty). */
    void row(List<?> cells) throws IOException;

    @Override
    void close() throws IOException;
}
