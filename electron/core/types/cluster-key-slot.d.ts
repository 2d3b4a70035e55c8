// cluster-key-slot (ioredis' own dependency) ships no typings: the one function used here.
declare module 'cluster-key-slot' {
  /** The cluster hash slot (0-16383) of a key or channel name, {hash tags} honoured. */
  export default function calculateSlot(key: string | Buffer): number;
}
