/**
 * Test support for Spry jobs and operators, independent of any test framework.
 *
 * <ul>
 *   <li>{@link io.spry.testkit.OperatorHarness}: runs one real runtime operator around a user
 *       function, input by input, on a {@link io.spry.testkit.ManualClock}, and records what it
 *       emits.
 *   <li>{@link io.spry.testkit.JobTestDriver}: runs a whole job in the embedded runtime on a manual
 *       clock and collects its output.
 *   <li>{@link io.spry.testkit.ListSource} and {@link io.spry.testkit.ListSink}: a bounded source
 *       of given elements and a sink that keeps what it receives.
 * </ul>
 */
package io.spry.testkit;
