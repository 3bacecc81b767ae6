package io.spry.nexmark.generator;

import java.util.List;

/**
 * The fixed vocabularies of the Nexmark data: names, cities, states and the bid channels with their
 * URLs. Everything is built once, so drawing from a pool allocates nothing.
 */
final class Pools {
  private Pools() {}

  static final List<String> FIRST_NAMES =
      List.of(
          "Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter",
          "Walter");
  static final List<String> LAST_NAMES =
      List.of(
          "Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris");
  static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
  static final String[] CITIES = {
    "Phoenix",
    "Los Angeles",
    "San Francisco",
    "Boise",
    "Portland",
    "Bend",
    "Redmond",
    "Seattle",
    "Kent",
    "Cheyenne"
  };

  /** "First Last" for every pair of first and last names, first-name major. */
  static final String[] NAMES = names();

  static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
  static final String[] HOT_URLS = urls(HOT_CHANNELS.length, 0x4E58L);

  /** The cache that cold bids draw their channel from. */
  static final int CHANNELS = 10_000;

  static final String[] CHANNEL_NAMES = channelNames();
  static final String[] CHANNEL_URLS = urls(CHANNELS, 0x4D41524BL);

  private static String[] names() {
    String[] result = new String[FIRST_NAMES.size() * LAST_NAMES.size()];
    int i = 0;
    for (String first : FIRST_NAMES) {
      for (String last : LAST_NAMES) {
        result[i++] = first + " " + last;
      }
    }
    return result;
  }

  private static String[] channelNames() {
    String[] result = new String[CHANNELS];
    for (int i = 0; i < CHANNELS; i++) {
      result[i] = "channel-" + i;
    }
    return result;
  }

  /**
   * {@code https://www.nexmark.com/<a>/<b>/<c>/item.htm?query=1}, path segments of one to five
   * random letters; one URL in ten also names its channel with {@code &channel_id=<n>}.
   */
  private static String[] urls(int count, long seed) {
    SplitMix random = new SplitMix();
    String[] result = new String[count];
    for (int i = 0; i < count; i++) {
      random.seed(seed + i);
      StringBuilder url = new StringBuilder("https://www.nexmark.com/");
      for (int segment = 0; segment < 3; segment++) {
        int length = 1 + random.nextInt(5);
        for (int c = 0; c < length; c++) {
          url.append((char) ('a' + random.nextInt(26)));
        }
        url.append('/');
      }
      url.append("item.htm?query=1");
      if (random.nextInt(10) == 0) {
        url.append("&channel_id=").append(Math.abs(random.nextInt(1 << 20)));
      }
      result[i] = url.toString();
    }
    return result;
  }
}
