package io.spry.nexmark.queries;

import java.io.Serializable;

/** q8's output: a person who registered and opened an auction in the window from {@code start}. */
public record NewUser(long id, String name, long windowStart) implements Serializable {}
