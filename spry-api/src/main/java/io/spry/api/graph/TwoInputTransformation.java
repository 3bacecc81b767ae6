package io.spry.api.graph;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.KeySelector;
import io.spry.api.types.TypeInfo;
import java.util.List;

/** An operator with two inputs of possibly different types. */
@Internal
public final class TwoInputTransformation<I1, I2, O> extends Transformation<O> {
  private final Transformation<I1> input1;
  private final Transformation<I2> input2;
  private final OperatorKind kind;
  private final Object function;
  private final KeySelector<I1, ?> keySelector1;
  private final KeySelector<I2, ?> keySelector2;
  private final TypeInfo<?> keyType;

  public TwoInputTransformation(
      int id,
      String name,
      Transformation<I1> input1,
      Transformation<I2> input2,
      OperatorKind kind,
      Object function,
      TypeInfo<O> type,
      KeySelector<I1, ?> keySelector1,
      KeySelector<I2, ?> keySelector2,
      TypeInfo<?> keyType,
      String callSite) {
    super(id, name, type, callSite);
    this.input1 = input1;
    this.input2 = input2;
    this.kind = kind;
    this.function = function;
    this.keySelector1 = keySelector1;
    this.keySelector2 = keySelector2;
    this.keyType = keyType;
  }

  public Transformation<I1> getInput1() {
    return input1;
  }

  public Transformation<I2> getInput2() {
    return input2;
  }

  public OperatorKind getKind() {
    return kind;
  }

  public Object getFunction() {
    return function;
  }

  public KeySelector<I1, ?> getKeySelector1() {
    return keySelector1;
  }

  public KeySelector<I2, ?> getKeySelector2() {
    return keySelector2;
  }

  public TypeInfo<?> getKeyType() {
    return keyType;
  }

  public boolean isKeyed() {
    return keySelector1 != null;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of(input1, input2);
  }
}
