package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.io.DataInput;

/** The input serializers read from. */
@Public
public interface DataInputView extends DataInput {}
