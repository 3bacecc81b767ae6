package io.spry.runtime.exchange;

/**
 * An event that travels in-band with the records, in the same slots and in order with them. Records
 * are never instances of this class (it is not public API), so a slot's type tells the two apart.
 */
public abstract sealed class ControlEvent
    permits Watermark, WatermarkStatus, EndOfInput, CheckpointBarrier {}
