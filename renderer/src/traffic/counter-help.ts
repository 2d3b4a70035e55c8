// What each traffic counter counts, in the words its label and tooltip use everywhere.
export const COUNTER_HELP = {
  received: 'Channel deliveries from Valkey: Atom publishes each event once per topic channel (often 2–3 copies).',
  kept: 'Messages kept: the copies of one event on several channels merged into one, up to the buffer cap.',
  shown: 'Messages that match the filters (all of them when no filter is set).',
  evicted: 'Oldest messages dropped to stay within the buffer cap.',
  undecodable: 'Deliveries that were not valid UTF-8 or JSON; kept as escaped text.',
} as const;
