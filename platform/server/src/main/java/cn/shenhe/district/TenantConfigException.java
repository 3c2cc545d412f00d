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

    /** A plugin's refusal of its settings, kept as the cause: it may say what is wrong in both languages. */
    public TenantConfigException(String file, String field, IllegalArgumentException cause) {
        super(file + ": " + field + ": " + cause.getMessage(), cause);
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
