package io.spry.runtime.operator;

/** An operator with one input. */
public interface OneInputOperator<IN> {
  void processElement(IN value, long timestamp) throws Exception;
}
