#!/usr/bin/env python3
"""Writes spry-api's Tuple1..Tuple25 (one shape, one place to change it).

Usage: python3 tools/generate-tuples.py, then build (Spotless formats the files).
The base class io.spry.api.tuple.Tuple (newInstance, getTupleClass, MAX_ARITY) is kept by hand.
"""
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "spry-api", "src", "main", "java", "io", "spry", "api", "tuple")
MAX = 25


def tuple_class(n):
    idx = range(n)
    tp = ", ".join(f"T{i}" for i in idx)
    params = ", ".join(f"T{i} f{i}" for i in idx)
    args = ", ".join(f"f{i}" for i in idx)
    wild = ", ".join("?" for _ in idx)
    L = ["package io.spry.api.tuple;", "", "import io.spry.api.annotation.Public;", "import java.util.Objects;", ""]
    L += [f"/** A tuple of {n} field{'s' if n > 1 else ''}. */", "@Public", f"public final class Tuple{n}<{tp}> extends Tuple {{"]
    L += [f"  public T{i} f{i};" for i in idx]
    L += ["", "  /** A tuple with all fields null. */", f"  public Tuple{n}() {{}}", ""]
    L += [f"  public Tuple{n}({params}) {{"] + [f"    this.f{i} = f{i};" for i in idx] + ["  }", ""]
    L += [f"  public static <{tp}> Tuple{n}<{tp}> of({params}) {{", f"    return new Tuple{n}<>({args});", "  }", ""]
    L += ["  @Override", "  public int getArity() {", f"    return {n};", "  }", ""]
    L += ["  @Override", '  @SuppressWarnings("unchecked")', "  public <T> T getField(int pos) {", "    return switch (pos) {"]
    L += [f"      case {i} -> (T) f{i};" for i in idx] + ["      default -> throw outOfBounds(pos);", "    };", "  }", ""]
    L += ["  @Override", '  @SuppressWarnings("unchecked")', "  public <T> void setField(int pos, T value) {", "    switch (pos) {"]
    L += [f"      case {i} -> f{i} = (T{i}) value;" for i in idx] + ["      default -> throw outOfBounds(pos);", "    }", "  }", ""]
    L += ["  @Override", f"  public Tuple{n}<{tp}> copy() {{", f"    return new Tuple{n}<>({args});", "  }", ""]
    L += ["  @Override", "  public boolean equals(Object o) {", "    if (this == o) {", "      return true;", "    }"]
    L += [f"    if (!(o instanceof Tuple{n}<{wild}> t)) {{", "      return false;", "    }"]
    L += ["    return " + "\n        && ".join(f"Objects.equals(f{i}, t.f{i})" for i in idx) + ";", "  }", ""]
    L += ["  /**", "   * Combines the fields' hash codes as {@code 31 * h + field}. Keys are routed by Spry's own stable",
          "   * hashing, not by this method, so an enum field is safe as a key.", "   */"]
    L += ["  @Override", "  public int hashCode() {", "    int h = 0;"] + [f"    h = 31 * h + Objects.hashCode(f{i});" for i in idx]
    L += ["    return h;", "  }", ""]
    L += ["  /** Prints {@code (f0,f1,...)}. */", "  @Override", "  public String toString() {"]
    L += ['    return "(" + ' + ' + "," + '.join(f"f{i}" for i in idx) + ' + ")";', "  }", "}", ""]
    return "\n".join(L)


if __name__ == "__main__":
    for n in range(1, MAX + 1):
        with open(os.path.join(OUT, f"Tuple{n}.java"), "w") as f:
            f.write(tuple_class(n))
