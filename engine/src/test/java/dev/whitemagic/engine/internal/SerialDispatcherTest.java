package dev.whitemagic.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SerialDispatcherTest {

    @Test
    void drain_deliversInPostOrder_toEveryListener() {
        SerialDispatcher<Integer> d = new SerialDispatcher<>();
        List<Integer> a = new CopyOnWriteArrayList<>();
        List<Integer> b = new CopyOnWriteArrayList<>();
        d.subscribe(a::add);
        d.subscribe(b::add);
        d.post(1);
        d.post(2);
        d.post(3);
        d.drain();
        assertThat(a).containsExactly(1, 2, 3);
        assertThat(b).containsExactly(1, 2, 3);
    }

    @Test
    void drain_whileAnotherThreadDelivers_returnsAtOnce_butDrainAndWait_waitsForTheEvent() throws Exception {
        SerialDispatcher<String> d = new SerialDispatcher<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        d.subscribe(e -> {
            if (e.equals("slow")) {
                inListener.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            seen.add(e);
        });
        d.post("slow");
        Thread worker = Thread.ofPlatform().start(d::drain);
        assertThat(inListener.await(10, TimeUnit.SECONDS)).isTrue();

        d.post("late");
        d.drain();   // the worker is delivering: this returns without delivering
        assertThat(seen).isEmpty();

        Thread releaser = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                return;
            }
            release.countDown();
        });
        assertThat(d.drainAndWait(TimeUnit.SECONDS.toNanos(10))).isTrue();
        assertThat(seen).containsExactly("slow", "late");
        worker.join();
        releaser.join();
    }

    @Test
    void drainAndWait_fromInsideAListener_doesNotWaitForItself() {
        SerialDispatcher<Integer> d = new SerialDispatcher<>();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        d.subscribe(e -> {
            seen.add(e);
            if (e == 1) {
                d.post(2);
                assertThat(d.drainAndWait(TimeUnit.SECONDS.toNanos(10))).isFalse();
            }
        });
        d.post(1);
        d.drain();
        assertThat(seen).containsExactly(1, 2);
    }
}
