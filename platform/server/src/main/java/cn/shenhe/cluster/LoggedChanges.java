package cn.shenhe.cluster;

import cn.shenhe.cluster.ChangeLog.Entry;
import java.util.List;

/**
 * Changes read from the log by this node's {@link LogFollower}, each handed on once (fired
 * synchronously: an observer that throws makes the follower read them again).
 */
public record LoggedChanges(List<Entry> entries) {
}
