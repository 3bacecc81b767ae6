package io.spry.api.graph;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.KeySelector;
import io.spry.api.types.TypeInfo;
import java.util.List;

/**
 * An operator with one input. When the input is keyed, {@link #getKeySelector()} is set and the
 * operator has keyed state.
 */
@Internal
public final class OneInputTransformation<I, O> extends Transformation<O> {
  private final Transformation<I> input;
  private final OperatorKind kind;
  private final Object function;
  private final KeySelector<I, ?> keySelector;
  private final TypeInfo<?> keyType;

  public OneInputTransformation(
      int id,
      String name,
      Transformation<I> input,
      OperatorKind kind,
      Object function,
      TypeInfo<O> type,
      KeySelector<I, ?> keySelector,
      TypeInfo<?> keyType,
      String callSite) {
    super(id, name, type, callSite);
    this.input = input;
    this.kind = kind;
    this.function = function;
    this.keySelector = keySelector;
    this.keyType = keyType;
  }

  public Transformation<I> getInput() {
    return input;
  }

  public OperatorKind getKind() {
    return kind;
  }

  /** The user's function (or, for {@link OperatorKind#ASSIGN_TIMESTAMPS}, the strategy). */
  public Object getFunction() {
    return function;
  }

  /** The key selector when the input is keyed, else null. */
  public KeySelector<I, ?> getKeySelector() {
    return keySelector;
  }

  public TypeInfo<?> getKeyType() {
    return keyType;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of(input);
  }
}
