package io.spry.runtime.checkpoint;

/**
 * A file of a checkpoint, as its manifest records it.
 *
 * @param name the file's name within the checkpoint's directory
 * @param size its length in bytes
 * @param crc its CRC-32C
 */
public record FileRef(String name, long size, long crc) {}
