package io.spry.api.types;

import io.spry.api.annotation.Public;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a generic type through an anonymous subclass: {@code new TypeHint<Tuple2<String,
 * Long>>() {}}.
 */
@Public
public abstract class TypeHint<T> {
  private final TypeInfo<T> typeInfo;

  @SuppressWarnings("unchecked")
  protected TypeHint() {
    Type superType = getClass().getGenericSuperclass();
    if (!(superType instanceof ParameterizedType p)) {
      throw new InvalidTypesException(
          "A TypeHint needs its type argument: write new TypeHint<MyType>() {}");
    }
    this.typeInfo = (TypeInfo<T>) TypeExtractor.forType(p.getActualTypeArguments()[0]);
  }

  public TypeInfo<T> getTypeInfo() {
    return typeInfo;
  }
}
