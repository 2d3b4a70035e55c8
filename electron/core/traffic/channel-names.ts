// Channel names as strings, one string per distinct name. Every delivery names its
// channel in bytes; decoding them each time made a new string per delivery, and each
// new string had to be hashed again by every map it was looked up in (rates, lists).
// A small table of recent names, confirmed by bytes, returns the same string instead.
import { payloadHash } from './dedupe';

const SLOTS = 256;
/** Longer names are rare (and would cost more to keep than to decode). */
const MAX_NAME_BYTES = 256;

export class ChannelNames {
  private readonly bytes: (Buffer | undefined)[] = new Array<Buffer | undefined>(SLOTS);
  private readonly names: string[] = new Array<string>(SLOTS);

  name(channel: Buffer): string {
    if (channel.length > MAX_NAME_BYTES) return channel.toString();
    const slot = payloadHash(channel) & (SLOTS - 1);
    const kept = this.bytes[slot];
    if (kept !== undefined && kept.equals(channel)) return this.names[slot] as string;
    const name = channel.toString();
    // A copy: the delivery's buffer is a view into a socket chunk.
    this.bytes[slot] = Buffer.from(channel);
    this.names[slot] = name;
    return name;
  }
}
