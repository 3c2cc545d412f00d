package cn.shenhe.storage;

import cn.shenhe.problem.ProblemException;

/** The refusals of the picture store, so each code has one wording. */
public final class StorageProblems {

    private StorageProblems() {
    }

    /** 503: the picture store cannot be reached; nothing was stored or read, the caller may retry. */
    public static ProblemException unavailable() {
        return new ProblemException(503, "storage-unavailable", "图片存储暂时不可用,请稍后重试",
                "The picture store is unavailable right now; please try again later");
    }
}
