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
 * <p>
 * The heads are mirrored in one small array: a poll then reads that array and the five head
 * entries rather than five deques whose tails submitting threads keep writing.
 */
final class ReadyQueue {
    private final List<ArrayDeque<TaskEntry>> fifos = new ArrayList<>();
    /** {@code heads[i] == fifos.get(i).peekFirst()}, always. */
    private final TaskEntry[] heads = new TaskEntry[TaskPriority.values().length];
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
        int level = e.priority.level();
        fifos.get(level).addLast(e);
        if (heads[level] == null) {
            heads[level] = e;
        }
    }

    /**
     * Moves a queued task to the back of another priority's FIFO; its waiting time (aging) is
     * kept. A task not in the queue just gets the new priority.
     */
    void changePriority(TaskEntry e, TaskPriority priority) {
        int old = e.priority.level();
        boolean queued = fifos.get(old).remove(e);
        heads[old] = fifos.get(old).peekFirst();
        e.priority = priority;
        if (queued) {
            e.queueSeq = nextSeq++;
            fifos.get(priority.level()).addLast(e);
            heads[priority.level()] = fifos.get(priority.level()).peekFirst();
        }
    }

    /** Whether no task is queued (cancelled ones not yet dropped count as queued). */
    boolean isEmpty() {
        for (TaskEntry head : heads) {
            if (head != null) {
                return false;
            }
        }
        return true;
    }

    /** Removes and returns the task to start next, or null when none is ready. */
    TaskEntry poll(Instant now) {
        int bestFifo = -1;
        TaskEntry best = null;
        int bestLevel = Integer.MAX_VALUE;
        for (int i = 0; i < heads.length; i++) {
            TaskEntry head = heads[i];
            while (head != null && head.status != TaskStatus.PENDING) {
                ArrayDeque<TaskEntry> q = fifos.get(i);
                q.pollFirst(); // cancelled while queued
                head = heads[i] = q.peekFirst();
            }
            if (head == null) {
                continue;
            }
            int level = effectiveLevel(head, now);
            if (level < bestLevel || (level == bestLevel && head.queueSeq < best.queueSeq)) {
                best = head;
                bestLevel = level;
                bestFifo = i;
            }
        }
        if (best != null) {
            ArrayDeque<TaskEntry> q = fifos.get(bestFifo);
            q.pollFirst();
            heads[bestFifo] = q.peekFirst();
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
