package io.spry.api.functions;

import io.spry.api.annotation.Public;
import java.io.Serializable;

/**
 * The root of every user function. Functions are {@link Serializable} so that a job can be shipped
 * to a cluster and so that the engine can read the types of a lambda (through its serialized form)
 * where erasure allows.
 */
@Public
public interface Function extends Serializable {}
