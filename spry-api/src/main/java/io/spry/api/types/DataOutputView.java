package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.DataOutput;

/** The output serializers write to. */
@Public
public interface DataOutputView extends DataOutput {}
