package cn.shenhe.cluster;

import java.util.OptionalLong;

/** A reader of the change log that keeps its position on disk (the search indexes): heartbeats report the lowest, and pruning keeps the log above it. */
public interface DurablePosition {

    /** The lowest position a restart would resume from; empty when nothing is kept yet. */
    OptionalLong durablePosition();
}
