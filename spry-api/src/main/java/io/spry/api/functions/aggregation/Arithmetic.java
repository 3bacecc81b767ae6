package io.spry.api.functions.aggregation;

import io.spry.api.annotation.Internal;
import io.spry.api.types.BasicTypeInfo;
import io.spry.api.types.DynamicTypeInfo;
import io.spry.api.types.MissingTypeInfo;
import io.spry.api.types.TypeInfo;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Addition for the numeric types {@code sum} supports, chosen once when the job is built. {@link
 * #DYNAMIC} is for fields whose type is not known then: it adds by the runtime class of the first
 * operand. Byte, Short, Integer and Long overflow as Java arithmetic does.
 */
@Internal
enum Arithmetic {
  BYTE {
    @Override
    Object add(Object a, Object b) {
      return (byte) (((Number) a).byteValue() + ((Number) b).byteValue());
    }
  },
  SHORT {
    @Override
    Object add(Object a, Object b) {
      return (short) (((Number) a).shortValue() + ((Number) b).shortValue());
    }
  },
  INT {
    @Override
    Object add(Object a, Object b) {
      return ((Number) a).intValue() + ((Number) b).intValue();
    }
  },
  LONG {
    @Override
    Object add(Object a, Object b) {
      return ((Number) a).longValue() + ((Number) b).longValue();
    }
  },
  FLOAT {
    @Override
    Object add(Object a, Object b) {
      return ((Number) a).floatValue() + ((Number) b).floatValue();
    }
  },
  DOUBLE {
    @Override
    Object add(Object a, Object b) {
      return ((Number) a).doubleValue() + ((Number) b).doubleValue();
    }
  },
  BIG_INTEGER {
    @Override
    Object add(Object a, Object b) {
      return ((BigInteger) a).add(toBigInteger(b));
    }
  },
  BIG_DECIMAL {
    @Override
    Object add(Object a, Object b) {
      return ((BigDecimal) a).add(toBigDecimal(b));
    }
  },
  DYNAMIC {
    @Override
    Object add(Object a, Object b) {
      Arithmetic exact = forClass(a.getClass());
      if (exact == null || !(b instanceof Number)) {
        Object bad = exact == null ? a : b;
        throw new ClassCastException(
            "a " + bad.getClass().getName() + " (" + bad + ") is not a number sum can add");
      }
      return exact.add(a, b);
    }
  };

  /** {@code a + b}; neither is null. */
  abstract Object add(Object a, Object b);

  /** The arithmetic of a class, or null if sum cannot add it. */
  static Arithmetic forClass(Class<?> c) {
    if (c == Integer.class) {
      return INT;
    } else if (c == Long.class) {
      return LONG;
    } else if (c == Double.class) {
      return DOUBLE;
    } else if (c == Float.class) {
      return FLOAT;
    } else if (c == Short.class) {
      return SHORT;
    } else if (c == Byte.class) {
      return BYTE;
    } else if (c == BigInteger.class) {
      return BIG_INTEGER;
    } else if (c == BigDecimal.class) {
      return BIG_DECIMAL;
    }
    return null;
  }

  /** The arithmetic of a field type; DYNAMIC where the type is not known; null if not numeric. */
  static Arithmetic forType(TypeInfo<?> type) {
    if (isUnknown(type)) {
      return DYNAMIC;
    }
    if (type instanceof BasicTypeInfo<?> b && !b.isNumeric()) {
      return null;
    }
    return forClass(type.getTypeClass());
  }

  /** True where a field's type is only known at runtime. */
  static boolean isUnknown(TypeInfo<?> type) {
    return type instanceof DynamicTypeInfo<?> || type instanceof MissingTypeInfo<?>;
  }

  private static BigInteger toBigInteger(Object b) {
    return b instanceof BigInteger bi ? bi : BigInteger.valueOf(((Number) b).longValue());
  }

  private static BigDecimal toBigDecimal(Object b) {
    if (b instanceof BigDecimal bd) {
      return bd;
    }
    if (b instanceof BigInteger bi) {
      return new BigDecimal(bi);
    }
    if (b instanceof Double || b instanceof Float) {
      return BigDecimal.valueOf(((Number) b).doubleValue());
    }
    return BigDecimal.valueOf(((Number) b).longValue());
  }
}
