package cn.shenhe.material;

import cn.shenhe.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadGateTest {

    static UploadGate gate(int burst, int perMinute, int waitSeconds) {
        UploadGate g = new UploadGate();
        g.burst = burst;
        g.perMinute = perMinute;
        g.registrationWaitSeconds = waitSeconds;
        return g;
    }

    @Test
    void aBurstThenTheSteadyRate() throws Exception {
        UploadGate g = gate(3, 600, 1);   // 600/min: a token every 100 ms
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        g.clock = now::get;   // the test's own time: a loaded machine's pauses would refill the bucket
        for (int i = 0; i < 3; i++) g.admit("alice");
        ProblemException e = assertThrows(ProblemException.class, () -> g.admit("alice"));
        assertEquals(429, e.status());
        assertEquals("too-many-uploads", e.code());
        assertEquals(1L, e.details().get("retryAfterSeconds"));
        g.admit("bob");                                           // per user
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(150));
        g.admit("alice");                                         // refilled
        assertThrows(ProblemException.class, () -> g.admit("alice"));
    }

    @Test
    void oneUploadPerRegistrationAtATime() throws Exception {
        UploadGate g = gate(100, 100, 10);
        AtomicInteger inside = new AtomicInteger(), most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<?>[] uploads = new Future<?>[6];
            for (int i = 0; i < uploads.length; i++) {
                String registration = i < 4 ? "r1" : "r" + i;
                uploads[i] = pool.submit(() -> {
                    go.await();
                    try (UploadGate.Held turn = g.turnOf(registration)) {
                        if (registration.equals("r1")) most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.sleep(30);
                        if (registration.equals("r1")) inside.decrementAndGet();
                    }
                    return null;
                });
            }
            go.countDown();
            for (Future<?> f : uploads) f.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, most.get(), "uploads of one registration overlapped");
    }

    @Test
    void aTurnThatTakesTooLongIsA429AndLeavesNothingBehind() throws Exception {
        UploadGate g = gate(100, 100, 1);
        try (UploadGate.Held first = g.turnOf("r")) {
            long t0 = System.nanoTime();
            ProblemException e = assertThrows(ProblemException.class, () -> g.turnOf("r"));
            assertEquals("upload-in-progress", e.code());
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(900));
        }
        try (UploadGate.Held again = g.turnOf("r")) {
            assertTrue(again != null);   // the turn was given back
        }
    }

    /** The shared limits as the test wants them (the real ones, on PostgreSQL, in SharedUploadLimitsTest). */
    static final class Shared extends SharedUploadLimits {
        long waitNanos;
        boolean turnFree = true;
        int asked;
        int givenBack;

        @Override
        public void giveBack(String user, int perMinute) {
            givenBack++;
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public long take(String user, int burst, int perMinute) {
            asked++;
            return waitNanos;
        }

        @Override
        public java.util.Optional<UploadGate.Held> turnOf(String registrationId, long waitMillis) {
            return turnFree ? java.util.Optional.of(() -> { }) : java.util.Optional.empty();
        }
    }

    @Test
    void theSharedLimitIsAskedAfterTheNodesOwnAndItsRefusalsCostTheNodeNothing() {
        UploadGate g = gate(3, 600, 1);
        g.clock = () -> 0;   // no refill
        Shared shared = new Shared();
        g.shared = shared;
        g.admit("alice");
        shared.waitNanos = TimeUnit.MILLISECONDS.toNanos(1500);   // the other node took the rest
        for (int i = 0; i < 5; i++) {
            ProblemException e = assertThrows(ProblemException.class, () -> g.admit("alice"));
            assertEquals("too-many-uploads", e.code());
            assertEquals(2L, e.details().get("retryAfterSeconds"), "the shared wait");
        }
        shared.waitNanos = 0;
        g.admit("alice");
        g.admit("alice");   // the node's own bucket still had both: refusals elsewhere gave its tokens back
        int asked = shared.asked;
        assertThrows(ProblemException.class, () -> g.admit("alice"));
        assertEquals(asked, shared.asked, "refused by the node's own bucket without a query");
    }

    @Test
    void aTurnHeldOnAnotherNodeIsA429AndGivesThisNodesTurnBack() {
        UploadGate g = gate(100, 100, 1);
        Shared shared = new Shared();
        g.shared = shared;
        shared.turnFree = false;
        ProblemException e = assertThrows(ProblemException.class, () -> g.turnOf("r"));
        assertEquals("upload-in-progress", e.code());
        shared.turnFree = true;
        try (UploadGate.Held turn = g.turnOf("r")) {
            assertTrue(turn != null);   // this node's turn was given back
        }
    }

    @Test
    void anUploadTheServerFailedIsGivenBackToTheUserHereAndEverywhere() {
        UploadGate g = gate(2, 600, 1);
        g.clock = () -> 0;   // no refill
        Shared shared = new Shared();
        g.shared = shared;
        g.admit("alice");
        g.admit("alice");
        g.giveBack("alice");   // the second one met a 503
        assertEquals(1, shared.givenBack, "given back to the shared allowance too");
        g.admit("alice");
        assertThrows(ProblemException.class, () -> g.admit("alice"));
        g.giveBack("alice");
        g.giveBack("alice");
        g.giveBack("alice");
        g.admit("alice");
        g.admit("alice");
        assertThrows(ProblemException.class, () -> g.admit("alice"), "never more than the burst");
    }
}
