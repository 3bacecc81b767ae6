package io.spry.api.types;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The output types of user functions, implemented as classes or as lambdas. */
final class FunctionTypes {
  private FunctionTypes() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static TypeInfo<?> outputType(
      Object function,
      Class<?> functionInterface,
      int outputParam,
      TypeInfo<?>[] inputTypes,
      String what) {
    Class<?> fc = function.getClass();
    TypeAnalyzer analyzer = new TypeAnalyzer(what);
    Type[] args = GenericTypes.supertypeArguments(fc, functionInterface);
    if (args == null || outputParam < 0 || outputParam >= args.length) {
      return new MissingTypeInfo(
          Object.class,
          what,
          fc.getName() + " does not implement " + functionInterface.getName() + " as expected");
    }
    Type out = args[outputParam];
    if (!GenericTypes.hasTypeVariable(out)) {
      return analyzer.analyze(out, Map.of());
    }
    Map<TypeVariable<?>, TypeInfo<?>> env = new HashMap<>();
    int k = 0;
    for (int j = 0; j < args.length; j++) {
      if (j == outputParam) {
        continue;
      }
      if (inputTypes != null && k < inputTypes.length && inputTypes[k] != null) {
        bind(args[j], inputTypes[k], env);
      }
      k++;
    }
    if (allBound(out, env)) {
      return analyzer.analyze(out, env);
    }
    if (fc.isSynthetic()) {
      return fromLambda(function, functionInterface, outputParam, analyzer, what);
    }
    return analyzer.analyze(out, env);
  }

  private static boolean allBound(Type t, Map<TypeVariable<?>, TypeInfo<?>> env) {
    if (t instanceof TypeVariable<?> v) {
      return env.containsKey(v);
    }
    if (t instanceof ParameterizedType p) {
      for (Type a : p.getActualTypeArguments()) {
        if (!allBound(a, env)) {
          return false;
        }
      }
      return true;
    }
    if (t instanceof GenericArrayType g) {
      return allBound(g.getGenericComponentType(), env);
    }
    return !GenericTypes.hasTypeVariable(t);
  }

  /** Binds the type variables in {@code formal} by matching it against {@code actual}. */
  private static void bind(Type formal, TypeInfo<?> actual, Map<TypeVariable<?>, TypeInfo<?>> env) {
    if (formal instanceof TypeVariable<?> v) {
      env.putIfAbsent(v, actual);
      return;
    }
    if (formal instanceof GenericArrayType g && actual instanceof ObjectArrayTypeInfo<?, ?> a) {
      bind(g.getGenericComponentType(), a.getElementType(), env);
      return;
    }
    if (!(formal instanceof ParameterizedType p)) {
      return;
    }
    Type[] args = p.getActualTypeArguments();
    if (actual instanceof ListTypeInfo<?> l) {
      bind(args[0], l.getElementType(), env);
    } else if (actual instanceof SetTypeInfo<?> s) {
      bind(args[0], s.getElementType(), env);
    } else if (actual instanceof OptionalTypeInfo<?> o) {
      bind(args[0], o.getValueType(), env);
    } else if (actual instanceof MapTypeInfo<?, ?> m && args.length == 2) {
      bind(args[0], m.getKeyType(), env);
      bind(args[1], m.getValueType(), env);
    } else if (actual instanceof TupleTypeInfo<?> t
        && p.getRawType() == t.getTypeClass()
        && args.length == t.getArity()) {
      for (int i = 0; i < args.length; i++) {
        bind(args[i], t.getFieldType(i), env);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeInfo<?> fromLambda(
      Object function,
      Class<?> functionInterface,
      int outputParam,
      TypeAnalyzer analyzer,
      String what) {
    SerializedLambda lambda = serializedLambda(function);
    if (lambda == null) {
      return new MissingTypeInfo(
          Object.class, what, "the function is a lambda whose types Spry cannot read");
    }
    Method sam = abstractMethod(functionInterface, lambda.getFunctionalInterfaceMethodName());
    if (sam == null) {
      return new MissingTypeInfo(
          Object.class,
          what,
          "the lambda implements "
              + lambda.getFunctionalInterfaceClass().replace('/', '.')
              + "."
              + lambda.getFunctionalInterfaceMethodName()
              + ", which Spry cannot relate to "
              + functionInterface.getSimpleName());
    }
    ClassLoader loader = function.getClass().getClassLoader();
    Class<?>[] params;
    Class<?> result;
    try {
      List<Class<?>> types = parseDescriptor(lambda.getInstantiatedMethodType(), loader);
      result = types.remove(types.size() - 1);
      params = types.toArray(new Class<?>[0]);
    } catch (ClassNotFoundException | IllegalArgumentException e) {
      return new MissingTypeInfo(
          Object.class, what, "the lambda's signature could not be read (" + e + ")");
    }
    TypeVariable<?> outVar = functionInterface.getTypeParameters()[outputParam];
    Class<?> erased = null;
    if (outVar.equals(sam.getGenericReturnType())) {
      erased = result;
    } else {
      Type[] generic = sam.getGenericParameterTypes();
      for (int i = 0; i < generic.length && i < params.length; i++) {
        if (outVar.equals(generic[i])) {
          erased = params[i];
          break;
        }
      }
      if (erased == null) {
        for (Type g : generic) {
          if (mentions(g, outVar)) {
            return new MissingTypeInfo(
                Object.class,
                what,
                "a lambda hides the type parameter of its "
                    + GenericTypes.erasure(g).getSimpleName());
          }
        }
        return new MissingTypeInfo(
            Object.class, what, "the lambda's signature does not show its output type");
      }
    }
    erased = Primitives.box(erased);
    if (erased == Object.class) {
      return new MissingTypeInfo(
          Object.class, what, "the lambda's result type is erased to Object");
    }
    Class<?> element = erased;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.getTypeParameters().length > 0) {
      return new MissingTypeInfo(
          erased,
          what,
          "the lambda's result type "
              + erased.getSimpleName()
              + " has type parameters that erasure removed");
    }
    return analyzer.analyzeClass(erased, null);
  }

  private static boolean mentions(Type t, TypeVariable<?> v) {
    if (t.equals(v)) {
      return true;
    }
    if (t instanceof ParameterizedType p) {
      for (Type a : p.getActualTypeArguments()) {
        if (mentions(a, v)) {
          return true;
        }
      }
    }
    if (t instanceof GenericArrayType g) {
      return mentions(g.getGenericComponentType(), v);
    }
    return false;
  }

  private static Method abstractMethod(Class<?> type, String name) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && Modifier.isAbstract(m.getModifiers())) {
        return m;
      }
    }
    return null;
  }

  /** The serialized form of a serializable lambda, or null if it is not one. */
  private static SerializedLambda serializedLambda(Object function) {
    for (Class<?> c = function.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Method writeReplace = c.getDeclaredMethod("writeReplace");
        if (!writeReplace.trySetAccessible()) {
          return null;
        }
        Object replacement = writeReplace.invoke(function);
        return replacement instanceof SerializedLambda s ? s : null;
      } catch (NoSuchMethodException e) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
    return null;
  }

  /** The parameter classes, then the return class, of a JVM method descriptor. */
  static List<Class<?>> parseDescriptor(String descriptor, ClassLoader loader)
      throws ClassNotFoundException {
    List<Class<?>> out = new ArrayList<>();
    if (descriptor.isEmpty() || descriptor.charAt(0) != '(') {
      throw new IllegalArgumentException("not a method descriptor: " + descriptor);
    }
    int[] pos = {1};
    while (descriptor.charAt(pos[0]) != ')') {
      out.add(parseType(descriptor, pos, loader));
    }
    pos[0]++;
    out.add(parseType(descriptor, pos, loader));
    return out;
  }

  private static Class<?> parseType(String d, int[] pos, ClassLoader loader)
      throws ClassNotFoundException {
    char c = d.charAt(pos[0]++);
    switch (c) {
      case 'Z':
        return boolean.class;
      case 'B':
        return byte.class;
      case 'S':
        return short.class;
      case 'C':
        return char.class;
      case 'I':
        return int.class;
      case 'J':
        return long.class;
      case 'F':
        return float.class;
      case 'D':
        return double.class;
      case 'V':
        return void.class;
      case '[':
        return parseType(d, pos, loader).arrayType();
      case 'L':
        int end = d.indexOf(';', pos[0]);
        String name = d.substring(pos[0], end).replace('/', '.');
        pos[0] = end + 1;
        return Class.forName(name, false, loader);
      default:
        throw new IllegalArgumentException("bad descriptor " + d + " at " + (pos[0] - 1));
    }
  }
}
