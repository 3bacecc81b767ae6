package io.spry.runtime.operator;

/** An operator with two inputs. */
public interface TwoInputOperator<IN1, IN2> {
  void processElement1(IN1 value, long timestamp) throws Exception;

  void processElement2(IN2 value, long timestamp) throws Exception;
}
