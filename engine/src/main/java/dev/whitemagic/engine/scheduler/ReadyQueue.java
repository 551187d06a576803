package dev.whitemagic.engine.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The tasks ready to start: one FIFO per priority. A task's effective level improves by one per
 * aging step it has waited; as each FIFO's head has waited longest, the best task is the best of
 * the five heads (lowest effective level, then earliest queued). Not thread-safe: the scheduler's
 * lock guards it. Entries cancelled while queued are dropped when they reach a head.
 */
final class ReadyQueue {
    private final List<ArrayDeque<TaskEntry>> fifos = new ArrayList<>();
    private final Duration agingStep;
    private long nextSeq;

    ReadyQueue(Duration agingStep) {
        this.agingStep = agingStep;
        for (int i = 0; i < TaskPriority.values().length; i++) {
            fifos.add(new ArrayDeque<>());
        }
    }

    void add(TaskEntry e, Instant now) {
        e.queuedAt = now;
        e.queueSeq = nextSeq++;
        fifos.get(e.priority.level()).addLast(e);
    }

    /**
     * Moves a queued task to the back of another priority's FIFO; its waiting time (aging) is
     * kept. A task not in the queue just gets the new priority.
     */
    void changePriority(TaskEntry e, TaskPriority priority) {
        boolean queued = fifos.get(e.priority.level()).remove(e);
        e.priority = priority;
        if (queued) {
            e.queueSeq = nextSeq++;
            fifos.get(priority.level()).addLast(e);
        }
    }

    /** Removes and returns the task to start next, or null when none is ready. */
    TaskEntry poll(Instant now) {
        ArrayDeque<TaskEntry> bestFifo = null;
        TaskEntry best = null;
        int bestLevel = Integer.MAX_VALUE;
        for (ArrayDeque<TaskEntry> q : fifos) {
            TaskEntry head;
            while ((head = q.peekFirst()) != null && head.status != TaskStatus.PENDING) {
                q.pollFirst(); // cancelled while queued
            }
            if (head == null) {
                continue;
            }
            int level = effectiveLevel(head, now);
            if (level < bestLevel || (level == bestLevel && head.queueSeq < best.queueSeq)) {
                best = head;
                bestLevel = level;
                bestFifo = q;
            }
        }
        if (bestFifo != null) {
            bestFifo.pollFirst();
        }
        return best;
    }

    /** The priority level {@code e} competes at now: its own, less one per aging step waited. */
    int effectiveLevel(TaskEntry e, Instant now) {
        int base = e.priority.level();
        if (agingStep.isZero()) {
            return base;
        }
        long waited = Duration.between(e.queuedAt, now).toNanos();
        long steps = waited <= 0 ? 0 : waited / agingStep.toNanos();
        return (int) Math.max(0, base - Math.min(steps, base));
    }
}
