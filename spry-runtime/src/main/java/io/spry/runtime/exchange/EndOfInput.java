package io.spry.runtime.exchange;

/** The producer will send nothing more on this channel. */
public final class EndOfInput extends ControlEvent {
  public static final EndOfInput INSTANCE = new EndOfInput();

  private EndOfInput() {}

  @Override
  public String toString() {
    return "EndOfInput";
  }
}
