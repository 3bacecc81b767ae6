package io.spry.nexmark.model;

import java.io.Serializable;

/**
 * A person who registers to sell or bid.
 *
 * @param id unique, from {@code 1000}
 * @param name first and last name
 * @param emailAddress a made-up address
 * @param creditCard sixteen digits in four groups
 * @param city one of the standard cities
 * @param state one of the standard US states
 * @param dateTime when the person registered, in epoch milliseconds
 * @param extra padding that brings the record to its average size
 */
public record Person(
    long id,
    String name,
    String emailAddress,
    String creditCard,
    String city,
    String state,
    long dateTime,
    String extra)
    implements Serializable {

  /** The record's size as counted by the benchmark: 8 bytes per number, 1 per character. */
  public int sizeInBytes() {
    return 2 * Long.BYTES
        + name.length()
        + emailAddress.length()
        + creditCard.length()
        + city.length()
        + state.length()
        + extra.length();
  }
}
