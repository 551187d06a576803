package dev.whitemagic.engine.pipeline;

/**
 * One item that failed in one stage.
 *
 * @param stage    the stage's name
 * @param item     the item, as text (cut to 200 characters)
 * @param message  why, for people
 * @param attempts how many times it was tried
 */
public record ItemError(String stage, String item, String message, int attempts) {
}
