package cn.shenhe.cluster;

/**
 * The follower has handed on every row below {@code to}: a reader that was at {@code from} or
 * beyond is now at {@code to}; one below {@code from} (opened meanwhile, rebuilt) must catch up itself.
 */
public record LogAdvanced(long from, long to) {
}
