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
    private final long agingStepNanos;
    private long nextSeq;

    ReadyQueue(Duration agingStep) {
        this.agingStepNanos = agingStep.toNanos();
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

    /** Whether no task is queued (cancelled ones not yet dropped count as queued). */
    boolean isEmpty() {
        for (ArrayDeque<TaskEntry> q : fifos) {
            if (!q.isEmpty()) {
                return false;
            }
        }
        return true;
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
        if (agingStepNanos == 0 || base == 0) {
            return base;
        }
        // Duration.between without allocating: this runs for every head at every poll
        long waited = (now.getEpochSecond() - e.queuedAt.getEpochSecond()) * 1_000_000_000L
                + (now.getNano() - e.queuedAt.getNano());
        long steps = waited <= 0 ? 0 : waited / agingStepNanos;
        return (int) Math.max(0, base - Math.min(steps, base));
    }
}
