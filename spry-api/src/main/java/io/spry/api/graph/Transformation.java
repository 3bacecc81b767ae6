package io.spry.api.graph;

import io.spry.api.ErrorPolicy;
import io.spry.api.annotation.Internal;
import io.spry.api.types.TypeInfo;
import java.util.List;

/**
 * A node of the logical graph that the DataStream API builds: an operation with its inputs and the
 * settings the user gave it. The runtime compiles the graph into an execution plan.
 *
 * <p>Sources, one- and two-input operators and sinks become operators; partitionings, unions and
 * side outputs only shape the edges between them.
 */
@Internal
public abstract sealed class Transformation<T>
    permits SourceTransformation,
        SourceFunctionTransformation,
        OneInputTransformation,
        TwoInputTransformation,
        PartitionTransformation,
        UnionTransformation,
        SideOutputTransformation,
        SinkTransformation {

  /** Parallelism not set: the environment's default applies. */
  public static final int DEFAULT_PARALLELISM = -1;

  private final int id;
  private String name;
  private String uid;
  private int parallelism = DEFAULT_PARALLELISM;
  private TypeInfo<T> type;
  private ChainingStrategy chaining = ChainingStrategy.ALWAYS;
  private String slotSharingGroup;
  private boolean blocking;
  private ErrorPolicy errorPolicy;
  private final String callSite;

  protected Transformation(int id, String name, TypeInfo<T> type, String callSite) {
    this.id = id;
    this.name = name;
    this.type = type;
    this.callSite = callSite;
  }

  public abstract List<Transformation<?>> getInputs();

  public int getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getUid() {
    return uid;
  }

  public void setUid(String uid) {
    this.uid = uid;
  }

  public int getParallelism() {
    return parallelism;
  }

  public void setParallelism(int parallelism) {
    this.parallelism = parallelism;
  }

  public TypeInfo<T> getType() {
    return type;
  }

  public void setType(TypeInfo<T> type) {
    this.type = type;
  }

  public ChainingStrategy getChaining() {
    return chaining;
  }

  public void setChaining(ChainingStrategy chaining) {
    this.chaining = chaining;
  }

  /** The slot sharing group, or null to inherit the inputs' group ("default" at sources). */
  public String getSlotSharingGroup() {
    return slotSharingGroup;
  }

  public void setSlotSharingGroup(String slotSharingGroup) {
    this.slotSharingGroup = slotSharingGroup;
  }

  /** Whether the user marked the operator as blocking: it then runs on a thread of its own. */
  public boolean isBlocking() {
    return blocking;
  }

  public void setBlocking(boolean blocking) {
    this.blocking = blocking;
  }

  /** The error policy the user set on this operator, or null for the job's. */
  public ErrorPolicy getErrorPolicy() {
    return errorPolicy;
  }

  public void setErrorPolicy(ErrorPolicy errorPolicy) {
    this.errorPolicy = errorPolicy;
  }

  /**
   * Whether an error policy covers this operator's records: sources (records their readers report
   * as bad, timestamp assigners) and one- and two-input operators. Not sinks, nor source functions.
   */
  public boolean supportsErrorPolicy() {
    return this instanceof SourceTransformation
        || this instanceof OneInputTransformation
        || this instanceof TwoInputTransformation;
  }

  /**
   * The policy that applies: this operator's own, else the job's; {@link ErrorPolicy#fail()} where
   * no policy is {@linkplain #supportsErrorPolicy() supported}.
   */
  public ErrorPolicy effectiveErrorPolicy(ErrorPolicy jobPolicy) {
    if (!supportsErrorPolicy()) {
      return ErrorPolicy.fail();
    }
    return errorPolicy != null ? errorPolicy : jobPolicy;
  }

  /** Where in the user's code the transformation was made, e.g. {@code Job.main(Job.java:12)}. */
  public String getCallSite() {
    return callSite;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "#" + id + "(" + name + " at " + callSite + ")";
  }
}
