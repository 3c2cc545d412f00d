package cn.shenhe.district;

/** A tenant-config file that cannot be used; the message names the file and the field. */
public class TenantConfigException extends RuntimeException {

    private final String file;
    private final String field;

    public TenantConfigException(String file, String field, String problem) {
        super(file + ": " + field + ": " + problem);
        this.file = file;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public String field() {
        return field;
    }
}
