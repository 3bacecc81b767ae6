package io.spry.api.types;

import io.spry.api.tuple.Tuple;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link Type} into a {@link TypeInfo}. Type variables are looked up in an environment of
 * already known type information; a variable that is not there becomes a {@link MissingTypeInfo}
 * naming {@code what}. A raw generic class gets {@link DynamicTypeInfo dynamic} types for its type
 * parameters. One analyzer per extraction: it tracks the classes being analyzed to stop at
 * recursive types.
 */
final class TypeAnalyzer {
  private final String what;
  private final Set<Class<?>> inProgress = new HashSet<>();

  TypeAnalyzer(String what) {
    this.what = what;
  }

  TypeInfo<?> analyze(Type t, Map<TypeVariable<?>, TypeInfo<?>> env) {
    if (t instanceof Class<?> c) {
      return analyzeClass(c, null);
    }
    if (t instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      TypeInfo<?>[] infos = new TypeInfo<?>[args.length];
      for (int i = 0; i < args.length; i++) {
        infos[i] = analyze(args[i], env);
      }
      return analyzeClass((Class<?>) p.getRawType(), infos);
    }
    if (t instanceof GenericArrayType g) {
      TypeInfo<?> component = analyze(g.getGenericComponentType(), env);
      if (component instanceof MissingTypeInfo<?>) {
        return missing(
            GenericTypes.erasure(g),
            "the element type " + g.getGenericComponentType() + " is unknown");
      }
      return ObjectArrayTypeInfo.of(component);
    }
    if (t instanceof TypeVariable<?> v) {
      TypeInfo<?> bound = env.get(v);
      if (bound != null) {
        return bound;
      }
      return missing(
          GenericTypes.erasure(v),
          "it is the type variable "
              + v.getName()
              + " of "
              + describe(v.getGenericDeclaration())
              + ", which could not be bound to a type");
    }
    if (t instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return new DynamicTypeInfo<>(Object.class);
      }
      return analyze(w.getUpperBounds()[0], env);
    }
    return missing(Object.class, "Spry does not know the kind of type " + t.getTypeName());
  }

  private static String describe(Object declaration) {
    if (declaration instanceof Class<?> c) {
      return c.getName();
    }
    if (declaration instanceof Method m) {
      return "the method " + m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }
    return String.valueOf(declaration);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private TypeInfo<?> missing(Class<?> raw, String reason) {
    return new MissingTypeInfo(raw, what, reason);
  }

  private static TypeInfo<?> arg(TypeInfo<?>[] args, int i) {
    return args == null ? new DynamicTypeInfo<>(Object.class) : args[i];
  }

  /** A class with the type information of its type arguments, or null args if it is raw. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  TypeInfo<?> analyzeClass(Class<?> c, TypeInfo<?>[] args) {
    BasicTypeInfo<?> basic = BasicTypeInfo.forClass(c);
    if (basic != null) {
      return basic;
    }
    if (c.isArray()) {
      PrimitiveArrayTypeInfo<?> primitive = PrimitiveArrayTypeInfo.forClass(c);
      return primitive != null
          ? primitive
          : ObjectArrayTypeInfo.of(analyzeClass(c.getComponentType(), null));
    }
    if (c.isEnum()) {
      return new EnumTypeInfo(c);
    }
    // The windowing types, which window state and timers use as namespaces and values.
    if (c == io.spry.api.windowing.windows.TimeWindow.class) {
      return io.spry.api.windowing.windows.TimeWindowTypeInfo.INSTANCE;
    }
    if (c == io.spry.api.windowing.windows.GlobalWindow.class) {
      return io.spry.api.windowing.windows.GlobalWindowTypeInfo.INSTANCE;
    }
    if (c == io.spry.api.windowing.evictors.TimestampedValue.class) {
      return new io.spry.api.windowing.evictors.TimestampedValueTypeInfo<>(arg(args, 0));
    }
    if (c.getSuperclass() != null && c.getSuperclass().isEnum()) {
      return new EnumTypeInfo(c.getSuperclass()); // a constant with a body
    }
    int arity = TupleTypeInfo.arityOf(c);
    if (arity > 0) {
      TypeInfo<?>[] fields = new TypeInfo<?>[arity];
      for (int i = 0; i < arity; i++) {
        fields[i] = arg(args, i);
      }
      return new TupleTypeInfo(c, fields);
    }
    if (c == List.class || c == Collection.class || c == ArrayList.class) {
      return new ListTypeInfo<>(arg(args, 0));
    }
    if (c == Set.class || c == HashSet.class || c == LinkedHashSet.class) {
      return new SetTypeInfo<>(arg(args, 0));
    }
    if (c == Map.class || c == HashMap.class || c == LinkedHashMap.class) {
      return new MapTypeInfo<>(arg(args, 0), arg(args, 1));
    }
    if (c == Optional.class) {
      return new OptionalTypeInfo<>(arg(args, 0));
    }
    if (c == Object.class
        || c == Tuple.class
        || c == Number.class
        || c == Comparable.class
        || c == CharSequence.class
        || c == Serializable.class
        || c == Record.class) {
      return new DynamicTypeInfo<>(c);
    }
    if (c.isPrimitive()) {
      return missing(c, "void is not a type of values");
    }
    if (inProgress.contains(c)) {
      return new GenericTypeInfo<>(
          c, "it refers to itself, and Spry serializes recursive types with the generic fallback");
    }
    Map<TypeVariable<?>, TypeInfo<?>> env = bind(c, args);
    inProgress.add(c);
    try {
      if (c.isRecord()) {
        return analyzeRecord(c, env);
      }
      return analyzePojo(c, env);
    } finally {
      inProgress.remove(c);
    }
  }

  /** Binds the type parameters of {@code c} to {@code args}, or to dynamic types if raw. */
  private static Map<TypeVariable<?>, TypeInfo<?>> bind(Class<?> c, TypeInfo<?>[] args) {
    TypeVariable<?>[] params = c.getTypeParameters();
    Map<TypeVariable<?>, TypeInfo<?>> env = new HashMap<>();
    for (int i = 0; i < params.length; i++) {
      env.put(
          params[i],
          args != null && i < args.length
              ? args[i]
              : new DynamicTypeInfo<>(GenericTypes.erasure(params[i])));
    }
    return env;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private TypeInfo<?> analyzeRecord(Class<?> c, Map<TypeVariable<?>, TypeInfo<?>> env) {
    RecordComponent[] components = c.getRecordComponents();
    TypeInfo<?>[] types = new TypeInfo<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = analyze(components[i].getGenericType(), env);
    }
    RecordTypeInfo<?> info = new RecordTypeInfo(c, types);
    try {
      info.checkAccess();
    } catch (InvalidTypesException e) {
      return new GenericTypeInfo<>(c, "it is a record Spry cannot access (" + e.getMessage() + ")");
    }
    return info;
  }

  /** A POJO's type information, or the generic fallback with the reason it is not a POJO. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private TypeInfo<?> analyzePojo(Class<?> c, Map<TypeVariable<?>, TypeInfo<?>> env) {
    String notPojo = whyNotPojoClass(c);
    if (notPojo != null) {
      return new GenericTypeInfo<>(c, "it is not a POJO: " + notPojo);
    }
    Set<String> publicMethods = new HashSet<>();
    for (Method m : c.getMethods()) {
      publicMethods.add(m.getName() + "/" + m.getParameterCount());
    }
    List<Field> fields = new ArrayList<>();
    List<TypeInfo<?>> types = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Class<?> level = c;
    Map<TypeVariable<?>, TypeInfo<?>> levelEnv = env;
    while (level != null && level != Object.class) {
      for (Field f : level.getDeclaredFields()) {
        int mod = f.getModifiers();
        if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()) {
          continue;
        }
        if (Modifier.isFinal(mod)) {
          return new GenericTypeInfo<>(
              c, "it is not a POJO: its field " + f.getName() + " is final");
        }
        if (!names.add(f.getName())) {
          return new GenericTypeInfo<>(
              c, "it is not a POJO: it has two fields named " + f.getName());
        }
        if (!Modifier.isPublic(mod) && !hasGetterAndSetter(f, publicMethods)) {
          return new GenericTypeInfo<>(
              c,
              "it is not a POJO: its field "
                  + f.getName()
                  + " is neither public nor has a public getter and setter");
        }
        fields.add(f);
        types.add(analyze(f.getGenericType(), levelEnv));
      }
      Type sup = level.getGenericSuperclass();
      Class<?> superClass = level.getSuperclass();
      if (superClass == null) {
        break;
      }
      TypeInfo<?>[] superArgs = null;
      if (sup instanceof ParameterizedType p) {
        Type[] a = p.getActualTypeArguments();
        superArgs = new TypeInfo<?>[a.length];
        for (int i = 0; i < a.length; i++) {
          superArgs[i] = analyze(a[i], levelEnv);
        }
      }
      levelEnv = bind(superClass, superArgs);
      level = superClass;
    }
    Integer[] order = new Integer[fields.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparing(i -> fields.get(i).getName()));
    Field[] sortedFields = new Field[order.length];
    TypeInfo<?>[] sortedTypes = new TypeInfo<?>[order.length];
    for (int i = 0; i < order.length; i++) {
      sortedFields[i] = fields.get(order[i]);
      sortedTypes[i] = types.get(order[i]);
    }
    PojoTypeInfo<?> info = new PojoTypeInfo(c, sortedFields, sortedTypes);
    try {
      info.checkAccess();
    } catch (InvalidTypesException e) {
      return new GenericTypeInfo<>(c, "it is a POJO Spry cannot access (" + e.getMessage() + ")");
    }
    return info;
  }

  /** Why the class itself cannot be a POJO, or null. */
  private static String whyNotPojoClass(Class<?> c) {
    if (c.isInterface()) {
      return "it is an interface";
    }
    if (Modifier.isAbstract(c.getModifiers())) {
      return "it is abstract";
    }
    if (!Modifier.isPublic(c.getModifiers())) {
      return "it is not public";
    }
    if (c.isMemberClass() && !Modifier.isStatic(c.getModifiers())) {
      return "it is an inner class (make it static)";
    }
    if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
      return "it is an anonymous or local class";
    }
    try {
      if (!Modifier.isPublic(c.getConstructor().getModifiers())) {
        return "its no-argument constructor is not public";
      }
    } catch (NoSuchMethodException e) {
      return "it has no public no-argument constructor";
    }
    String name = c.getName();
    if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")) {
      return "it is a JDK class";
    }
    return null;
  }

  private static boolean hasGetterAndSetter(Field f, Set<String> publicMethods) {
    String n = f.getName();
    String cap = Character.toUpperCase(n.charAt(0)) + n.substring(1);
    boolean getter =
        publicMethods.contains("get" + cap + "/0")
            || ((f.getType() == boolean.class || f.getType() == Boolean.class)
                && publicMethods.contains("is" + cap + "/0"));
    return getter && publicMethods.contains("set" + cap + "/1");
  }
}
