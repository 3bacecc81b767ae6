package io.spry.nexmark.queries;

import java.io.Serializable;

/** q3's output: an auction of a seller who lives in one of the chosen states. */
public record LocalItem(String name, String city, String state, long auction)
    implements Serializable {}
