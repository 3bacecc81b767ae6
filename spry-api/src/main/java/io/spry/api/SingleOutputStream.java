package io.spry.api;

import io.spry.api.annotation.Public;
import io.spry.api.graph.CallSite;
import io.spry.api.graph.ChainingStrategy;
import io.spry.api.graph.SideOutputTransformation;
import io.spry.api.graph.Transformation;
import io.spry.api.types.TypeHint;
import io.spry.api.types.TypeInfo;
import java.util.Objects;

/** The output of one operator, whose settings (name, parallelism, chaining, type) can be set. */
@Public
public class SingleOutputStream<T> extends DataStream<T> {

  SingleOutputStream(StreamEnvironment env, Transformation<T> transformation) {
    super(env, transformation);
  }

  /** The operator's name in plans, logs and errors. */
  public SingleOutputStream<T> name(String name) {
    transformation.setName(Objects.requireNonNull(name, "name"));
    return this;
  }

  /** A stable id for the operator; savepoints (coming with checkpoints) will match state by it. */
  public SingleOutputStream<T> uid(String uid) {
    transformation.setUid(Objects.requireNonNull(uid, "uid"));
    return this;
  }

  public SingleOutputStream<T> setParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "setParallelism(" + parallelism + ") at " + CallSite.capture() + ": must be at least 1");
    }
    transformation.setParallelism(parallelism);
    return this;
  }

  /** The output type, where a lambda hid it. */
  public SingleOutputStream<T> returns(TypeInfo<T> type) {
    transformation.setType(Objects.requireNonNull(type, "type"));
    return this;
  }

  public SingleOutputStream<T> returns(Class<T> type) {
    return returns(TypeInfo.of(type));
  }

  public SingleOutputStream<T> returns(TypeHint<T> hint) {
    return returns(hint.getTypeInfo());
  }

  /** Starts a new chain at this operator: it does not fuse with its upstream operator. */
  public SingleOutputStream<T> startNewChain() {
    transformation.setChaining(ChainingStrategy.HEAD);
    return this;
  }

  /** This operator fuses with neither its upstream nor its downstream operators. */
  public SingleOutputStream<T> disableChaining() {
    transformation.setChaining(ChainingStrategy.NEVER);
    return this;
  }

  /**
   * Puts the operator in a slot sharing group: operators of different groups never share a task
   * (chain), and downstream operators inherit the group.
   */
  public SingleOutputStream<T> slotSharingGroup(String group) {
    transformation.setSlotSharingGroup(Objects.requireNonNull(group, "group"));
    return this;
  }

  /**
   * Marks the operator as blocking (it calls a slow service, say): its task runs on a thread of its
   * own, so it cannot stall the shared cooperative workers.
   */
  public SingleOutputStream<T> blocking() {
    transformation.setBlocking(true);
    return this;
  }

  /** The records this operator emitted to the side output {@code tag}. */
  public <X> DataStream<X> getSideOutput(OutputTag<X> tag) {
    Objects.requireNonNull(tag, "tag");
    SideOutputTransformation<X> s =
        new SideOutputTransformation<>(env.nextId(), transformation, tag, CallSite.capture());
    env.register(s);
    return new DataStream<>(env, s);
  }

  /**
   * What this operator does when its user function throws on a record, instead of the job's
   * {@linkplain JobConfig#setErrorPolicy policy}. Under {@link ErrorPolicy#deadLetter} the record
   * is skipped by this operator (what the function emitted before it threw stays emitted, and so do
   * state changes it made) and becomes a {@link DeadLetter}; read them with {@link
   * #getDeadLetters()}. The budget is this operator's, summed over its subtasks.
   *
   * @throws IllegalArgumentException on a sink or a source function, which no policy covers
   */
  public SingleOutputStream<T> onError(ErrorPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    checkErrorPolicySupported("onError(" + policy + ")");
    transformation.setErrorPolicy(policy);
    return this;
  }

  /**
   * The records this operator's user function threw on, with their errors, when its error policy
   * ({@link #onError}, or the job's) is {@link ErrorPolicy#deadLetter}; under {@link
   * ErrorPolicy#fail()} the job does not build (there could be none). Dead letters nobody reads are
   * logged and counted, never lost silently.
   *
   * @throws IllegalArgumentException on a stream that is not an operator's output with records it
   *     could fail on (a union, say)
   */
  public DataStream<DeadLetter> getDeadLetters() {
    checkErrorPolicySupported("getDeadLetters()");
    SideOutputTransformation<DeadLetter> s =
        new SideOutputTransformation<>(
            env.nextId(), transformation, DeadLetterTag.TAG, CallSite.capture());
    env.register(s);
    return new DataStream<>(env, s);
  }

  private void checkErrorPolicySupported(String call) {
    if (!transformation.supportsErrorPolicy()) {
      throw new IllegalArgumentException(
          call
              + " at "
              + CallSite.capture()
              + ": '"
              + transformation.getName()
              + "' runs no user function on records that an error policy covers; error policies"
              + " apply to the operators that do (map, flatMap, filter, process, reduce, windows,"
              + " two-input operators) and to sources built with fromSource");
    }
  }
}
