package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** Base class for rich functions: holds the runtime context. */
@Public
public abstract class AbstractRichFunction implements RichFunction {
  private transient RuntimeContext runtimeContext;

  @Override
  public void setRuntimeContext(RuntimeContext context) {
    this.runtimeContext = context;
  }

  @Override
  public RuntimeContext getRuntimeContext() {
    if (runtimeContext == null) {
      throw new IllegalStateException(
          "The runtime context is set when the job starts; it is not available in a constructor.");
    }
    return runtimeContext;
  }
}
