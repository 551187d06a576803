package dev.whitemagic.engine.pipeline;

/**
 * One problem of a pipeline file, with its place.
 *
 * @param place   where: "stages[2].params.pattern", "edges[0]", "line 3, column 7"
 * @param message what is wrong, for people
 */
public record SpecProblem(String place, String message) {
    @Override
    public String toString() {
        return place + ": " + message;
    }
}
