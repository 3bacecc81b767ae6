package io.spry.api.types;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Helpers for {@link java.lang.reflect.Type}: erasure, substitution and supertype arguments. */
final class GenericTypes {
  private GenericTypes() {}

  /** The class a type erases to. */
  static Class<?> erasure(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (t instanceof GenericArrayType g) {
      return Array.newInstance(erasure(g.getGenericComponentType()), 0).getClass();
    }
    if (t instanceof TypeVariable<?> v) {
      Type[] bounds = v.getBounds();
      return bounds.length == 0 ? Object.class : erasure(bounds[0]);
    }
    if (t instanceof WildcardType w) {
      Type[] upper = w.getUpperBounds();
      return upper.length == 0 ? Object.class : erasure(upper[0]);
    }
    return Object.class;
  }

  /** True if {@code t} mentions a type variable. */
  static boolean hasTypeVariable(Type t) {
    if (t instanceof TypeVariable<?>) {
      return true;
    }
    if (t instanceof ParameterizedType p) {
      for (Type a : p.getActualTypeArguments()) {
        if (hasTypeVariable(a)) {
          return true;
        }
      }
      return false;
    }
    if (t instanceof GenericArrayType g) {
      return hasTypeVariable(g.getGenericComponentType());
    }
    if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        if (hasTypeVariable(b)) {
          return true;
        }
      }
      for (Type b : w.getLowerBounds()) {
        if (hasTypeVariable(b)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code t} with the type variables in {@code env} replaced. */
  static Type substitute(Type t, Map<TypeVariable<?>, Type> env) {
    if (env.isEmpty() || t instanceof Class<?>) {
      return t;
    }
    if (t instanceof TypeVariable<?> v) {
      return env.getOrDefault(v, v);
    }
    if (t instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      Type[] subst = new Type[args.length];
      for (int i = 0; i < args.length; i++) {
        subst[i] = substitute(args[i], env);
      }
      return new ParamType((Class<?>) p.getRawType(), subst, p.getOwnerType());
    }
    if (t instanceof GenericArrayType g) {
      Type c = substitute(g.getGenericComponentType(), env);
      return c instanceof Class<?> cc
          ? Array.newInstance(cc, 0).getClass()
          : (GenericArrayType) () -> c;
    }
    return t;
  }

  /**
   * The type arguments of {@code target} as {@code start} implements or extends it, or null if it
   * does not. Type variables of {@code start} (and of raw supertypes) stay type variables.
   */
  static Type[] supertypeArguments(Class<?> start, Class<?> target) {
    return walk(start, target, Map.of());
  }

  private static Type[] walk(Type type, Class<?> target, Map<TypeVariable<?>, Type> env) {
    Class<?> raw = erasure(type);
    if (!target.isAssignableFrom(raw)) {
      return null;
    }
    TypeVariable<?>[] params = raw.getTypeParameters();
    Map<TypeVariable<?>, Type> here = new HashMap<>();
    if (type instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < params.length; i++) {
        here.put(params[i], substitute(args[i], env));
      }
    }
    if (raw == target) {
      Type[] result = new Type[params.length];
      for (int i = 0; i < params.length; i++) {
        result[i] = here.getOrDefault(params[i], params[i]);
      }
      return result;
    }
    Type sup = raw.getGenericSuperclass();
    if (sup != null) {
      Type[] r = walk(sup, target, here);
      if (r != null) {
        return r;
      }
    }
    for (Type i : raw.getGenericInterfaces()) {
      Type[] r = walk(i, target, here);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  /** A parameterized type made by substitution. */
  record ParamType(Class<?> raw, Type[] args, Type owner) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return args.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return owner;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ParameterizedType p
          && raw.equals(p.getRawType())
          && Objects.equals(owner, p.getOwnerType())
          && Arrays.equals(args, p.getActualTypeArguments());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(args) ^ Objects.hashCode(owner) ^ raw.hashCode();
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(raw.getName()).append('<');
      for (int i = 0; i < args.length; i++) {
        sb.append(i > 0 ? ", " : "").append(args[i].getTypeName());
      }
      return sb.append('>').toString();
    }
  }
}
