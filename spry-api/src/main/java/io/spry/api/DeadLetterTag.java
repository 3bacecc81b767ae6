package io.spry.api;

import io.spry.api.types.TypeInfo;

/** The side output that carries an operator's dead letters. */
final class DeadLetterTag {
  static final OutputTag<DeadLetter> TAG =
      new OutputTag<>(TypeInfo.of(DeadLetter.class), OutputTag.DEAD_LETTERS_ID);

  private DeadLetterTag() {}
}
