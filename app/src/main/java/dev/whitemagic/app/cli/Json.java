package dev.whitemagic.app.cli;

import tools.jackson.databind.json.JsonMapper;

/** JSON Lines output: one compact object per line. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static String line(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
