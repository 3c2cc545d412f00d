package cn.shenhe.material.image;

import cn.shenhe.problem.ProblemException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool that decodes, watermarks and encodes the pictures: {@code count} workers (one per core in the
 * server), so at most that many pictures are in memory at once (a 40 MP image needs ~160 MB per copy). A
 * picture that waits longer than {@code timeout} for a worker, or whose decode takes longer, is refused and
 * abandoned; the stages after the decode are bounded by the checked pixel count, and are waited out.
 *
 * <p>Why a pool that runs the whole transform rather than a semaphore around the caller's own thread: with
 * more uploads in flight than permits, each release woke a parked request thread that the kernel often
 * queued behind a busy core while the freed core idled. A worker that finishes takes the next queued picture
 * without sleeping, and the cores stay busy (measured: docs/benchmarks.md).
 */
final class ImageWorkers implements AutoCloseable {

    /** One picture's work, told through {@link Progress} when its caller gives up, and telling when its decode is done. */
    interface Work<T> {
        T run(Progress progress);
    }

    /** Between a picture's work and the caller waiting for it. */
    static final class Progress {
        private final AtomicBoolean abandoned = new AtomicBoolean();
        private volatile long startedAt;
        private volatile boolean decoded;

        /** Set when the caller gave up: a running decode sees it at its next progress callback and aborts. */
        AtomicBoolean abandoned() { return abandoned; }

        /** The decode is done: the rest is bounded, and the caller waits it out. */
        void decoded() { decoded = true; }
    }

    private final Duration timeout;
    private final ThreadPoolExecutor pool;

    ImageWorkers(Duration timeout, int count, ThreadFactory threads) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("decodeTimeout must be positive");
        if (count < 1) throw new IllegalArgumentException("workerCount must be >= 1");
        this.timeout = timeout;
        // Unbounded queue: each entry is a caller waiting for it (request threads are bounded by the server).
        this.pool = new ThreadPoolExecutor(count, count, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    }

    /**
     * Queues the work and waits for its result; one wait in the common case, no hand-offs in between.
     *
     * @throws ProblemException timeout, when no worker took it in time or its decode ran too long
     */
    <T> T run(Work<T> work) {
        Progress progress = new Progress();
        FutureTask<T> task = new FutureTask<>(() -> {
            progress.startedAt = System.nanoTime();
            return work.run(progress);
        });
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("ImagePipeline is closed", e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();   // for a worker to take it
        try {
            while (true) {
                try {
                    return progress.decoded ? task.get() : task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    long started = progress.startedAt;
                    if (progress.decoded) continue;                                 // the rest is bounded: wait it out
                    if (started == 0 || System.nanoTime() - started >= timeout.toNanos()) throw abandon(task, progress);
                    deadline = started + timeout.toNanos();                          // started in time: the decode gets its own
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abandon(task, progress);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;                  // e.g. OutOfMemoryError: not the candidate's fault
            throw new IllegalStateException("processing the image failed", cause);
        }
    }

    private static ProblemException abandon(Future<?> task, Progress progress) {
        progress.abandoned.set(true);   // a running decode sees it at its next progress callback and aborts
        task.cancel(true);              // a queued one never starts
        return ImageProblems.timeout();
    }

    /** Pictures being processed, including decodes still running after their caller gave up. */
    int busy() { return pool.getActiveCount(); }

    /** Stops the workers; in-flight and later calls fail. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "shenhe-image-" + n.incrementAndGet());
            t.setDaemon(true);   // never keeps the JVM alive
            return t;
        };
    }
}
