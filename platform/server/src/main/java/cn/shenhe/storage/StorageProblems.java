package cn.shenhe.storage;

import cn.shenhe.problem.Problem;
import cn.shenhe.problem.ProblemException;

/** The refusals of the picture store, so each code has one wording. */
public final class StorageProblems {

    private StorageProblems() {
    }

    /** 503: the picture store cannot be reached; nothing was stored or read, the caller may retry. */
    public static ProblemException unavailable() {
        return Problem.STORAGE_UNAVAILABLE.refuse();
    }
}
